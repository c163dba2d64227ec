using System.Runtime.InteropServices;

namespace Scrawl.Reading;

/// <summary>
/// Checks on input paths made before a byte is read: a path must be a regular file (after following symbolic links) of a bounded size, so a FIFO
/// never blocks a reader and a link to <c>/dev/zero</c> is never read until memory runs out; and the images of a folder, in sorted order.
/// </summary>
public static partial class InputFiles
{
    /// <summary>The file extensions (lower case, with the dot) <see cref="ImagesIn"/> takes as images.</summary>
    public static IReadOnlyList<string> ImageExtensions { get; } = [".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"];

    // st_mode's file-type bits (POSIX).
    private const int TypeMask = 0xF000, RegularFile = 0x8000, Directory = 0x4000, Fifo = 0x1000, CharacterDevice = 0x2000, BlockDevice = 0x6000, Socket = 0xC000;

    /// <summary>
    /// Throws unless <paramref name="path"/> is a regular file (links followed) of at most <paramref name="maxBytes"/> (≥ 1) bytes:
    /// <see cref="FileNotFoundException"/> when it does not exist, <see cref="InvalidDataException"/> naming the file and what it is otherwise.
    /// </summary>
    public static void CheckRegularFile(string path, long maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        if (System.IO.Directory.Exists(path))
        {
            throw new InvalidDataException($"{path}: a folder, not a file.");
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        if (FileType(path) is { } type && type != RegularFile)
        {
            throw new InvalidDataException($"{path}: {Describe(type)}, not a regular file; not read.");
        }

        if (info.LinkTarget is not null)
        {
            info = (FileInfo)(info.ResolveLinkTarget(returnFinalTarget: true) ?? info);
        }

        if (info.Length > maxBytes)
        {
            throw new InvalidDataException($"{path}: {info.Length:N0} bytes, more than the {maxBytes:N0} that are read; not read.");
        }
    }

    /// <summary>The images (by <see cref="ImageExtensions"/>, any case) directly in <paramref name="folder"/>, in ordinal order of their names; <see cref="InvalidDataException"/> naming the folder when it holds none.</summary>
    public static List<string> ImagesIn(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var images = System.IO.Directory.EnumerateFiles(folder)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList();
        return images.Count > 0
            ? images
            : throw new InvalidDataException($"{folder}: no images in this folder ({string.Join(", ", ImageExtensions)}).");
    }

    /// <summary>The st_mode file type of <paramref name="path"/> with links followed, or null where it cannot be asked (Windows, or the runtime's native shim missing).</summary>
    private static int? FileType(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            return Stat(path, out var status) == 0 ? status.Mode & TypeMask : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static string Describe(int type) => type switch
    {
        Directory => "a folder",
        Fifo => "a FIFO (named pipe)",
        CharacterDevice => "a character device such as /dev/zero",
        BlockDevice => "a block device",
        Socket => "a socket",
        _ => $"file type 0x{type:X}",
    };

    // The .NET runtime's own portable stat (libSystem.Native ships with every runtime on Linux and macOS). Its FileStatus starts
    // { int32 Flags; int32 Mode; uint32 Uid; uint32 Gid; int64 Size; … }; the struct here is larger than the native one, so the call never writes past it.
    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out NativeFileStatus status);

    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct NativeFileStatus
    {
        [FieldOffset(4)]
        public int Mode;
    }
}
