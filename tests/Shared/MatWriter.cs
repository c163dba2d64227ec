using System.Text;

/// <summary>Writes small uncompressed MAT v5 files of double matrices (test fixtures made in the test, not copied from anywhere).</summary>
internal static class MatWriter
{
    /// <summary>Writes each (name, rows, columns, row-major values) as an mxDOUBLE matrix (MAT stores columns first).</summary>
    public static void Write(string path, params (string Name, int Rows, int Columns, double[] Values)[] arrays)
    {
        using var s = new MemoryStream();
        var header = new byte[128];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, written by a Scrawl test".PadRight(116)).CopyTo(header, 0);
        header[124] = 0x00;
        header[125] = 0x01;
        header[126] = (byte)'I';
        header[127] = (byte)'M';
        s.Write(header);
        foreach (var (name, rows, columns, values) in arrays)
        {
            using var body = new MemoryStream();
            Element(body, 6, [.. BitConverter.GetBytes(6u), .. new byte[4]]); // miUINT32 array flags: mxDOUBLE_CLASS
            Element(body, 5, [.. BitConverter.GetBytes(rows), .. BitConverter.GetBytes(columns)]); // miINT32 dimensions
            Element(body, 1, Encoding.ASCII.GetBytes(name)); // miINT8 name
            var data = new byte[values.Length * 8];
            for (int c = 0; c < columns; c++)
            {
                for (int r = 0; r < rows; r++)
                {
                    BitConverter.GetBytes(values[(r * columns) + c]).CopyTo(data, ((c * rows) + r) * 8);
                }
            }

            Element(body, 9, data); // miDOUBLE
            Element(s, 14, body.ToArray()); // miMATRIX
        }

        File.WriteAllBytes(path, s.ToArray());
    }

    private static void Element(Stream s, int type, byte[] data)
    {
        s.Write(BitConverter.GetBytes(type));
        s.Write(BitConverter.GetBytes(data.Length));
        s.Write(data);
        s.Write(new byte[(8 - (data.Length % 8)) % 8]);
    }
}
