using Scrawl.Deep.NativePatch;

// Usage: Scrawl.Deep.NativePatch LIBRARY.so [--version GLIBCXX_3.4.32] [--libstdcxx PATH]
if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: Scrawl.Deep.NativePatch LIBRARY.so [--version GLIBCXX_3.4.32] [--libstdcxx PATH]");
    return 2;
}

string version = LibraryPatch.DefaultVersion;
string? libstdcxx = null;
for (int i = 1; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--version": version = args[i + 1]; break;
        case "--libstdcxx": libstdcxx = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

try
{
    Console.WriteLine("libtorch patch: " + LibraryPatch.Apply(args[0], libstdcxx ?? LibraryPatch.FindSystemLibstdcxx(), version));
    return 0;
}
catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"libtorch patch: {e.Message}");
    return 2;
}
