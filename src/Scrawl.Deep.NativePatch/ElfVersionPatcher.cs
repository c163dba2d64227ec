using System.Buffers.Binary;
using System.Text;

namespace Scrawl.Deep.NativePatch;

/// <summary>What <see cref="ElfVersionPatcher.MarkWeak"/> found and did.</summary>
public enum PatchResult
{
    /// <summary>The version requirement was strong and is now weak.</summary>
    Patched,

    /// <summary>The version requirement was already weak: nothing written.</summary>
    AlreadyWeak,

    /// <summary>The library does not require that version: nothing written.</summary>
    NotRequired,
}

/// <summary>
/// Edits the GNU version-requirement table (<c>.gnu.version_r</c>, SHT_GNU_verneed) of a 64-bit little-endian ELF
/// file: sets VER_FLG_WEAK on the Vernaux entry naming a version, so the dynamic loader only warns (instead of
/// refusing to load) when the system library lacks that version. Nothing else in the file changes.
/// </summary>
public static class ElfVersionPatcher
{
    /// <summary>SHT_GNU_verneed: the section type of the version-requirement table.</summary>
    public const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>VER_FLG_WEAK: the Vernaux flag that makes a version requirement weak.</summary>
    public const ushort VerFlagWeak = 0x2;

    /// <summary>One Vernaux entry: the version it names, the file offset of its flags field, its flags.</summary>
    /// <param name="Library">The needed library's file name (e.g. libstdc++.so.6).</param>
    /// <param name="Version">The version name (e.g. GLIBCXX_3.4.32).</param>
    /// <param name="FlagsOffset">File offset of the entry's 16-bit vna_flags field.</param>
    /// <param name="Flags">The entry's vna_flags.</param>
    public sealed record VersionNeed(string Library, string Version, long FlagsOffset, ushort Flags);

    /// <summary>Every version requirement of the ELF image in <paramref name="elf"/>; throws <see cref="InvalidDataException"/> when it is not a well-formed ELF64 LE file.</summary>
    public static IReadOnlyList<VersionNeed> ReadVersionNeeds(ReadOnlySpan<byte> elf, string name = "ELF file")
    {
        if (elf.Length < 64 || !elf[..4].SequenceEqual("\u007fELF"u8))
        {
            throw new InvalidDataException($"{name}: not an ELF file (no \\x7fELF magic).");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException($"{name}: only 64-bit little-endian ELF files are supported (class {elf[4]}, data {elf[5]}).");
        }

        long shoff = (long)U64(elf, 0x28, name);
        int shentsize = U16(elf, 0x3A, name);
        int shnum = U16(elf, 0x3C, name);
        if (shentsize < 64)
        {
            throw new InvalidDataException($"{name}: section header entries of {shentsize} bytes (expected 64).");
        }

        var needs = new List<VersionNeed>();
        for (int s = 0; s < shnum; s++)
        {
            long header = shoff + ((long)s * shentsize);
            if (U32(elf, header + 4, name) != ShtGnuVerneed)
            {
                continue;
            }

            long offset = (long)U64(elf, header + 0x18, name);
            uint link = U32(elf, header + 0x28, name);
            uint count = U32(elf, header + 0x2C, name);
            long strtab = (long)U64(elf, shoff + ((long)link * shentsize) + 0x18, name);
            long entry = offset;
            for (uint i = 0; i < count; i++)
            {
                int auxCount = U16(elf, entry + 2, name);
                string library = CString(elf, strtab + U32(elf, entry + 4, name), name);
                long aux = entry + U32(elf, entry + 8, name);
                for (int a = 0; a < auxCount; a++)
                {
                    string version = CString(elf, strtab + U32(elf, aux + 8, name), name);
                    needs.Add(new VersionNeed(library, version, aux + 4, U16(elf, aux + 4, name)));
                    aux += U32(elf, aux + 12, name);
                }

                entry += U32(elf, entry + 12, name);
            }
        }

        return needs;
    }

    /// <summary>
    /// Sets VER_FLG_WEAK on every requirement of <paramref name="version"/> (e.g. GLIBCXX_3.4.32) in <paramref name="elf"/>, in place.
    /// Idempotent: a second call finds it weak and changes nothing.
    /// </summary>
    public static PatchResult MarkWeak(Span<byte> elf, string version, string name = "ELF file")
    {
        var matches = ReadVersionNeeds(elf, name).Where(n => n.Version == version).ToList();
        if (matches.Count == 0)
        {
            return PatchResult.NotRequired;
        }

        if (matches.TrueForAll(n => (n.Flags & VerFlagWeak) != 0))
        {
            return PatchResult.AlreadyWeak;
        }

        foreach (var n in matches)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(elf[(int)n.FlagsOffset..], (ushort)(n.Flags | VerFlagWeak));
        }

        return PatchResult.Patched;
    }

    /// <summary>True when the file at <paramref name="library"/> (a libstdc++) defines <paramref name="version"/>: its name occurs NUL-terminated in the file.</summary>
    public static bool Defines(string library, string version)
    {
        byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(library).AsSpan().IndexOf(needle) >= 0;
    }

    private static ushort U16(ReadOnlySpan<byte> b, long at, string name) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(b, at, 2, name));

    private static uint U32(ReadOnlySpan<byte> b, long at, string name) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(b, at, 4, name));

    private static ulong U64(ReadOnlySpan<byte> b, long at, string name) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(b, at, 8, name));

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> b, long at, int length, string name) =>
        at >= 0 && at + length <= b.Length ? b.Slice((int)at, length)
            : throw new InvalidDataException($"{name}: truncated ELF structure at offset {at} ({length} bytes past the end of a {b.Length}-byte file).");

    private static string CString(ReadOnlySpan<byte> b, long at, string name)
    {
        _ = Slice(b, at, 1, name);
        var rest = b[(int)at..];
        int end = rest.IndexOf((byte)0);
        return end < 0 ? throw new InvalidDataException($"{name}: unterminated string at offset {at}.") : Encoding.ASCII.GetString(rest[..end]);
    }
}
