using Scrawl.Numerics;

namespace Scrawl.Reporting;

/// <summary>Size limits shared by the figures and the atomic PNG write.</summary>
public static class Figure
{
    /// <summary>Smallest accepted figure side in pixels.</summary>
    public const int MinSide = 64;

    /// <summary>Largest accepted figure side in pixels.</summary>
    public const int MaxSide = 8192;

    /// <summary>Writes PNG bytes to <paramref name="path"/> atomically (temporary file + rename), creating missing folders.</summary>
    public static void Save(string path, byte[] png) => AtomicFile.WriteAllBytes(path, png);

    /// <summary>Throws unless width and height are in [<see cref="MinSide"/>, <see cref="MaxSide"/>].</summary>
    internal static void CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinSide);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, MinSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxSide);
    }
}
