using System.IO.Compression;
using System.Text;

namespace Scrawl.Data.Formats;

/// <summary>
/// Parses a whole MAT v5 file held in memory: the 128-byte header, then top-level miMATRIX and
/// miCOMPRESSED elements. Numeric real arrays are decoded; everything else is listed as skipped.
/// Every problem is an <see cref="InvalidDataException"/> naming the source and the offset.
/// </summary>
internal sealed class MatParser
{
    /// <summary>Deflate cannot expand data by more than about 1032:1; a larger claim is a lie.</summary>
    private const long MaxInflateRatio = 1100;

    private readonly Dictionary<string, MatArray> _arrays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _skipped = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public static MatFile Parse(byte[] file, string source)
    {
        if (file.Length < MatFile.HeaderBytes)
        {
            throw new InvalidDataException($"{source}: offset 0: the file has {file.Length} bytes, fewer than the 128-byte MAT v5 header.");
        }

        bool big;
        if (file[126] == 'I' && file[127] == 'M')
        {
            big = false;
        }
        else if (file[126] == 'M' && file[127] == 'I')
        {
            big = true;
        }
        else
        {
            throw new InvalidDataException($"{source}: offset 126: not a MAT v5 file (no 'IM'/'MI' endian indicator; MAT v4 files are not supported).");
        }

        var top = new MatRegion(file, big, source, -1);
        ushort version = top.U16(124);
        if (version == 0x0200)
        {
            throw top.Fail(124, "MAT v7.3 (HDF5) files are not supported; save with -v7 in MATLAB or with scipy.io.savemat");
        }

        if (version != 0x0100)
        {
            throw top.Fail(124, $"MAT version 0x{version:X4} is not supported (expected 0x0100, MAT v5)");
        }

        string text = Encoding.Latin1.GetString(file, 0, 116).TrimEnd(' ', '\0');
        var parser = new MatParser();
        int pos = MatFile.HeaderBytes;
        while (pos < file.Length)
        {
            var tag = top.ReadTag(pos, file.Length, "top-level element");
            if (tag.Type == MatRegion.MiCompressed && !tag.Small)
            {
                parser.ParseCompressed(top, tag);
                pos = tag.DataEnd; // compressed elements are not padded
            }
            else
            {
                if (tag.Type == MatRegion.MiMatrix)
                {
                    parser.ParseMatrix(top, tag);
                }

                pos = MatRegion.After(tag, file.Length); // other top-level elements are ignored
            }
        }

        return new MatFile(source, text, parser._arrays, parser._skipped);
    }

    private void ParseCompressed(MatRegion top, MatTag tag)
    {
        using var zlib = new ZLibStream(new MemoryStream(top.Bytes, tag.DataStart, tag.Length, writable: false), CompressionMode.Decompress);
        var head = new byte[8];
        int got = Inflate(zlib, head, top, tag);
        if (got < 8)
        {
            throw top.Fail(tag.Offset, $"the miCOMPRESSED element decompresses to {got} bytes, too few for an element tag");
        }

        var probe = new MatRegion(head, top.BigEndian, top.Source, tag.Offset);
        uint type = probe.U32(0);
        if (type != MatRegion.MiMatrix)
        {
            return; // not an array: nothing to read
        }

        uint length = probe.U32(4);
        long limit = Math.Min(Array.MaxLength - 8L, (tag.Length * MaxInflateRatio) + 1024);
        if (length > limit)
        {
            throw probe.Fail(0, $"the compressed miMATRIX claims {length} bytes, more than {tag.Length} compressed bytes can hold");
        }

        var inner = new byte[8 + length];
        head.CopyTo(inner, 0);
        got = Inflate(zlib, inner.AsMemory(8), top, tag);
        if (got < length)
        {
            throw probe.Fail(8 + got, $"the compressed data ends after {got} of the {length} bytes its miMATRIX claims");
        }

        Inflate(zlib, new byte[1], top, tag); // reach the end of the stream so zlib checks its Adler-32
        var region = new MatRegion(inner, top.BigEndian, top.Source, tag.Offset);
        ParseMatrix(region, new MatTag(0, MatRegion.MiMatrix, 8, (int)length, false));
    }

    /// <summary>Fills <paramref name="buffer"/> from the zlib stream as far as it goes; corrupt data fails with the element's offset.</summary>
    private static int Inflate(ZLibStream zlib, Memory<byte> buffer, MatRegion top, MatTag tag)
    {
        try
        {
            return zlib.ReadAtLeast(buffer.Span, buffer.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // zlib errors also come as IOException (ZLibException, found by fuzzing), which does not name the file.
            throw new InvalidDataException($"{top.Source}: {top.Where(tag.Offset)}: the miCOMPRESSED element's zlib data is corrupt.", e);
        }
    }

    private void ParseMatrix(MatRegion r, MatTag matrix)
    {
        int end = matrix.DataEnd;
        if (matrix.Length == 0)
        {
            return; // an empty miMATRIX (MATLAB writes these for empty cells)
        }

        var flags = r.ReadTag(matrix.DataStart, end, "array flags");
        if (flags.Type != MatRegion.MiUInt32 || flags.Length != 8)
        {
            throw r.Fail(flags.Offset, $"array flags must be an 8-byte miUINT32 element, got {flags.Length} bytes of {MatRegion.TypeName(flags.Type)}");
        }

        uint word = r.U32(flags.DataStart);
        var matClass = (MatClass)(word & 0xFF);
        bool complex = (word & 0x0800) != 0, logical = (word & 0x0200) != 0;

        var dimsTag = r.ReadTag(MatRegion.After(flags, end), end, "dimensions");
        if (dimsTag.Type != MatRegion.MiInt32 || dimsTag.Length % 4 != 0 || dimsTag.Length < 8)
        {
            throw r.Fail(dimsTag.Offset, $"dimensions must be an miINT32 element of 2 or more values, got {dimsTag.Length} bytes of {MatRegion.TypeName(dimsTag.Type)}");
        }

        var dims = new int[dimsTag.Length / 4];
        long count = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = r.I32(dimsTag.DataStart + (4 * i));
            if (dims[i] < 0)
            {
                throw r.Fail(dimsTag.DataStart + (4 * i), $"dimension {i} is negative ({dims[i]})");
            }

            // Saturate at 2⁴⁰: count ≤ 2⁴⁰ times a dimension < 2³¹ would overflow a long (wrapping to 0 or below).
            count = dims[i] == 0 ? 0 : count > (1L << 40) / dims[i] ? 1L << 40 : count * dims[i];
        }

        var nameTag = r.ReadTag(MatRegion.After(dimsTag, end), end, "array name");
        if (nameTag.Type is not (MatRegion.MiInt8 or MatRegion.MiUInt8))
        {
            throw r.Fail(nameTag.Offset, $"the array name must be an miINT8 element, got {MatRegion.TypeName(nameTag.Type)}");
        }

        string name = Encoding.Latin1.GetString(r.Bytes, nameTag.DataStart, nameTag.Length);
        string shape = string.Join("×", dims);
        string shown = Printable(name);
        if (name.Length == 0)
        {
            return; // unnamed: MATLAB's subsystem data, not a variable
        }

        if (!_seen.Add(name))
        {
            throw r.Fail(matrix.Offset, $"variable '{shown}' appears twice");
        }

        if (matClass is < MatClass.Double or > MatClass.UInt64)
        {
            string kind = matClass is >= MatClass.Cell and <= MatClass.Sparse || matClass is MatClass.Function or MatClass.Opaque
                ? $"a {matClass.ToString().ToLowerInvariant()} array"
                : $"of unknown class {(int)matClass}";
            _skipped[name] = $"{r.Where(matrix.Offset)}: variable '{shown}' ({shape}) is {kind}; only real numeric arrays are supported";
            return;
        }

        if (complex)
        {
            _skipped[name] = $"{r.Where(matrix.Offset)}: variable '{shown}' ({shape} {matClass}) is complex; only real numeric arrays are supported";
            return;
        }

        if (count > Array.MaxLength)
        {
            throw r.Fail(dimsTag.Offset, $"variable '{shown}': dimensions {shape} hold {count:N0}{(count == 1L << 40 ? "+" : "")} values, more than this reader supports ({Array.MaxLength:N0})");
        }

        var real = r.ReadTag(MatRegion.After(nameTag, end), end, $"variable '{shown}', real part");
        int size = MatRegion.ItemSize(real.Type);
        if (size == 0)
        {
            throw r.Fail(real.Offset, $"variable '{shown}' ({matClass}) stores its values as {MatRegion.TypeName(real.Type)}, not a numeric type");
        }

        if (real.Length != count * size)
        {
            throw r.Fail(real.Offset, $"variable '{shown}': {shape} needs {count} values = {count * size} bytes of {MatRegion.TypeName(real.Type)}, the element holds {real.Length}");
        }

        var data = MatNumeric.ToRowMajor(r.Bytes.AsSpan(real.DataStart, real.Length), real.Type, r.BigEndian, dims);
        _arrays[name] = new MatArray(name, matClass, logical, dims, data) { Location = r.Where(matrix.Offset) };
    }

    /// <summary>A name fit for a message: control and non-ASCII characters as \xNN, at most 64 characters.</summary>
    internal static string Printable(string name)
    {
        var text = new StringBuilder();
        foreach (char c in name.Length > 64 ? name[..64] : name)
        {
            text.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\x{(int)c:X2}");
        }

        return name.Length > 64 ? text.Append('…').ToString() : text.ToString();
    }
}
