namespace Scrawl.Data.Formats;

/// <summary>Reads whole inputs for the MAT and IDX readers, refusing anything larger than an array can hold.</summary>
internal static class MatStreams
{
    /// <summary>The rest of <paramref name="stream"/> as one array; too large an input is an <see cref="InvalidDataException"/>.</summary>
    public static byte[] ReadAll(Stream stream, string source)
    {
        if (stream.CanSeek)
        {
            long left = stream.Length - stream.Position;
            if (left > Array.MaxLength)
            {
                throw new InvalidDataException($"{source}: the file has {left:N0} bytes, more than this reader supports ({Array.MaxLength:N0}).");
            }

            var bytes = new byte[Math.Max(0, left)];
            int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            return got == bytes.Length ? bytes : bytes[..got];
        }

        return ReadBounded(stream, Array.MaxLength, source, "the input");
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, growing with the data actually present; more than
    /// <paramref name="limit"/> bytes is an <see cref="InvalidDataException"/> mentioning <paramref name="what"/>.
    /// </summary>
    public static byte[] ReadBounded(Stream stream, long limit, string source, string what)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        while (true)
        {
            int n = stream.Read(chunk, 0, chunk.Length);
            if (n == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + n > limit)
            {
                throw new InvalidDataException($"{source}: {what} is longer than {limit:N0} bytes, more than this reader supports.");
            }

            buffer.Write(chunk, 0, n);
        }
    }
}
