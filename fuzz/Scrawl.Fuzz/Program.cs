using SharpFuzz;

namespace Scrawl.Fuzz;

/// <summary>
/// <c>Scrawl.Fuzz TARGET</c> under afl-fuzz (persistent mode), or <c>Scrawl.Fuzz TARGET --replay DIR|FILE…</c> to run
/// inputs directly (seed checks, crash reproduction). Any exception other than InvalidDataException is a crash.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: Scrawl.Fuzz TARGET [--replay PATH…]; targets: {string.Join(", ", Targets.All.Keys)}");
            return 2;
        }

        if (args.Length > 1 && args[1] == "--replay")
        {
            int n = 0;
            foreach (string path in args[2..].SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]))
            {
                Targets.Run(target, File.ReadAllBytes(path));
                n++;
            }

            Console.WriteLine($"{args[0]}: {n} inputs replayed, no unexpected exception");
            return 0;
        }

        Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            Targets.Run(target, buffer.ToArray());
        });
        return 0;
    }
}
