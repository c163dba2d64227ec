using System.Buffers.Binary;
using System.Text;

namespace Scrawl.Deep.Tests;

/// <summary>
/// A minimal ELF64 little-endian file made in memory: a NUL section, a string table and a version-requirement
/// section (SHT_GNU_verneed) needing libstdc++.so.6 (GLIBCXX_3.4.30, GLIBCXX_3.4.32, CXXABI_1.3) and libc.so.6 (GLIBC_2.14).
/// </summary>
internal static class ElfFixture
{
    public static readonly (string Library, string[] Versions)[] Needs =
    [
        ("libstdc++.so.6", ["GLIBCXX_3.4.30", "GLIBCXX_3.4.32", "CXXABI_1.3"]),
        ("libc.so.6", ["GLIBC_2.14"]),
    ];

    public static byte[] Build()
    {
        var strings = new MemoryStream();
        strings.WriteByte(0);
        var offsets = new Dictionary<string, int>();
        foreach (var name in Needs.SelectMany(n => n.Versions.Prepend(n.Library)))
        {
            offsets[name] = (int)strings.Length;
            strings.Write(Encoding.ASCII.GetBytes(name + "\0"));
        }

        var verneed = new MemoryStream();
        for (int i = 0; i < Needs.Length; i++)
        {
            var (library, versions) = Needs[i];
            int size = 16 + (16 * versions.Length);
            Write(verneed, 2, 1); // vn_version
            Write(verneed, 2, versions.Length); // vn_cnt
            Write(verneed, 4, offsets[library]); // vn_file
            Write(verneed, 4, 16); // vn_aux
            Write(verneed, 4, i + 1 < Needs.Length ? size : 0); // vn_next
            for (int a = 0; a < versions.Length; a++)
            {
                Write(verneed, 4, 0x0ABCDEF0 + a); // vna_hash (not checked by the patcher)
                Write(verneed, 2, 0); // vna_flags
                Write(verneed, 2, 10 + a); // vna_other (version index; 10, 11 and 14 have bit 1 set)
                Write(verneed, 4, offsets[versions[a]]); // vna_name
                Write(verneed, 4, a + 1 < versions.Length ? 16 : 0); // vna_next
            }
        }

        int dynstrAt = 64;
        int verneedAt = Align(dynstrAt + (int)strings.Length);
        int shoff = Align(verneedAt + (int)verneed.Length);
        var file = new byte[shoff + (3 * 64)];
        "\u007fELF"u8.CopyTo(file);
        file[4] = 2; // ELFCLASS64
        file[5] = 1; // little-endian
        file[6] = 1; // EV_CURRENT
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(0x28), (ulong)shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x34), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x3A), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x3C), 3);
        strings.ToArray().CopyTo(file, dynstrAt);
        verneed.ToArray().CopyTo(file, verneedAt);
        Section(file, shoff + 64, 3, dynstrAt, (int)strings.Length, 0, 0);
        Section(file, shoff + 128, 0x6ffffffe, verneedAt, (int)verneed.Length, 1, Needs.Length);
        return file;
    }

    private static int Align(int at) => (at + 7) & ~7;

    private static void Section(byte[] file, int at, uint type, int offset, int size, uint link, int info)
    {
        var s = file.AsSpan(at, 64);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], type);
        BinaryPrimitives.WriteUInt64LittleEndian(s[0x18..], (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(s[0x20..], (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(s[0x28..], link);
        BinaryPrimitives.WriteUInt32LittleEndian(s[0x2C..], (uint)info);
    }

    private static void Write(Stream s, int bytes, int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        s.Write(b[..bytes]);
    }
}
