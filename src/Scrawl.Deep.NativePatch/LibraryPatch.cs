namespace Scrawl.Deep.NativePatch;

/// <summary>The build step: patch one built library file for the system's libstdc++, atomically and only when needed.</summary>
public static class LibraryPatch
{
    /// <summary>The version the TorchSharp 0.107 native library asks for and Debian 12's libstdc++ (up to GLIBCXX_3.4.30) lacks.</summary>
    public const string DefaultVersion = "GLIBCXX_3.4.32";

    /// <summary>Where libstdc++.so.6 is looked for, in order (Debian/Ubuntu multiarch first).</summary>
    public static readonly IReadOnlyList<string> SystemLibstdcxxCandidates =
    [
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    ];

    /// <summary>The first existing system libstdc++.so.6, or null.</summary>
    public static string? FindSystemLibstdcxx() => SystemLibstdcxxCandidates.FirstOrDefault(File.Exists);

    /// <summary>
    /// Marks <paramref name="version"/> weak in <paramref name="library"/> when <paramref name="libstdcxx"/> lacks it; returns a one-line report.
    /// The file is replaced by a patched copy (temp + rename, so a hard link into a package cache is never written through).
    /// </summary>
    public static string Apply(string library, string? libstdcxx, string version = DefaultVersion)
    {
        if (!File.Exists(library))
        {
            return $"{library}: not there, nothing to patch";
        }

        if (libstdcxx is null)
        {
            return $"{library}: no system libstdc++.so.6 found, not patched";
        }

        if (ElfVersionPatcher.Defines(libstdcxx, version))
        {
            return $"{library}: {libstdcxx} has {version}, not patched";
        }

        byte[] bytes = File.ReadAllBytes(library);
        var result = ElfVersionPatcher.MarkWeak(bytes, version, library);
        if (result != PatchResult.Patched)
        {
            return $"{library}: {(result == PatchResult.AlreadyWeak ? "already patched" : $"does not require {version}")}";
        }

        string temp = library + ".patch-tmp";
        File.WriteAllBytes(temp, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, File.GetUnixFileMode(library));
        }

        File.Move(temp, library, overwrite: true);
        return $"{library}: marked {version} weak ({libstdcxx} lacks it)";
    }
}
