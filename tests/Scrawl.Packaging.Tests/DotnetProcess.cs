using System.Diagnostics;

namespace Scrawl.Packaging.Tests;

/// <summary>Runs <c>dotnet</c> or another program as a child process with a time limit, capturing its output; a failure carries the whole log.</summary>
public static class DotnetProcess
{
    /// <summary>What a finished process left: its exit code and what it wrote.</summary>
    public sealed record Result(string Command, int ExitCode, string Out, string Err)
    {
        /// <summary>The command and everything it wrote, for an assertion message.</summary>
        public string Log => $"$ {Command}\nexit code {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Err}";
    }

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; kills it after <paramref name="limit"/>.</summary>
    public static Result Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings must not leak into a nested build; no telemetry or first-run banners.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        string command = $"{program} {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Result(command, -1, stdout.Result, stderr.Result + $"\n(killed after {limit.TotalMinutes:F0} min)");
        }

        return new Result(command, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs the .NET SDK's <c>dotnet</c> with build servers off, so no compiler or MSBuild node outlives the test.</summary>
    public static Result Dotnet(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Run("dotnet", arguments, workingDirectory, TimeSpan.FromMinutes(20), environment);

    /// <summary>The repository root: the first folder above the tests that holds Scrawl.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Scrawl.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Scrawl.slnx above {AppContext.BaseDirectory}");
    }
}
