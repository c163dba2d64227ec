namespace Scrawl.Data.Downloads;

/// <summary>
/// The folder downloaded data sets live in, one subfolder per data set. The root is
/// <c>$SCRAWL_DATA</c> when set; otherwise <c>$XDG_CACHE_HOME/scrawl</c> or <c>~/.cache/scrawl</c> on
/// Linux/FreeBSD, and <see cref="Environment.SpecialFolder.LocalApplicationData"/>/scrawl elsewhere.
/// Nothing is created until a download needs it.
/// </summary>
public sealed class DataCache
{
    /// <summary>The environment variable that overrides the cache root ("SCRAWL_DATA").</summary>
    public const string EnvironmentVariable = "SCRAWL_DATA";

    /// <summary>Name of the folder under the user's cache folder ("scrawl").</summary>
    public const string FolderName = "scrawl";

    /// <summary>Creates a cache rooted at an explicit folder (relative paths resolve against the current directory).</summary>
    /// <param name="root">The cache root; non-empty.</param>
    public DataCache(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The absolute cache root folder (may not exist yet).</summary>
    public string Root { get; }

    /// <summary>The cache this process uses: <c>$SCRAWL_DATA</c> if set, else the user's cache folder (see the class remarks).</summary>
    public static DataCache FromEnvironment() => new(ResolveRoot(
        Environment.GetEnvironmentVariable,
        OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD(),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)));

    /// <summary>The absolute folder of one data set, <c>Root/dataset</c> (not created here).</summary>
    /// <param name="dataset">A single folder name of letters, digits, '.', '-' or '_' (not "." or ".."), e.g. "emnist".</param>
    public string DatasetFolder(string dataset)
    {
        ValidateName(dataset, nameof(dataset));
        return Path.Combine(Root, dataset);
    }

    /// <summary>Resolves the cache root from an environment lookup; separated from the process state for tests.</summary>
    /// <param name="getEnvironment">Returns an environment variable's value or null.</param>
    /// <param name="linuxStyle">True to follow the XDG base-directory convention (Linux, FreeBSD).</param>
    /// <param name="userProfile">The user's home folder (fallback when $HOME is unset); may be empty.</param>
    /// <param name="localApplicationData">The platform's local application-data folder; may be empty.</param>
    internal static string ResolveRoot(Func<string, string?> getEnvironment, bool linuxStyle, string? userProfile, string? localApplicationData)
    {
        var overridden = getEnvironment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return Path.GetFullPath(overridden);
        }

        if (linuxStyle)
        {
            // XDG: a relative XDG_CACHE_HOME is invalid and must be ignored.
            var xdg = getEnvironment("XDG_CACHE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
            {
                return Path.Combine(xdg, FolderName);
            }

            var home = getEnvironment("HOME");
            home = string.IsNullOrWhiteSpace(home) ? userProfile : home;
            if (!string.IsNullOrWhiteSpace(home))
            {
                return Path.Combine(home, ".cache", FolderName);
            }
        }
        else if (!string.IsNullOrWhiteSpace(localApplicationData))
        {
            return Path.Combine(localApplicationData, FolderName);
        }

        throw new InvalidOperationException(
            $"Cannot find a cache folder for downloaded data (no home folder); set {EnvironmentVariable} to a writable folder.");
    }

    /// <summary>Throws unless the name is one safe path segment (letters, digits, '.', '-', '_'; not "." or "..").</summary>
    internal static void ValidateName(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameterName);
        var safe = name is not ("." or "..") && name.Length <= 200;
        foreach (var c in name)
        {
            safe &= char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';
        }

        if (!safe)
        {
            throw new ArgumentException(
                $"'{name}' is not a plain file or folder name (use letters, digits, '.', '-', '_'; at most 200 characters).",
                parameterName);
        }
    }
}
