namespace Scrawl.NeuralNet.Serialization;

/// <summary>
/// CRC-32 as used by zip, PNG and Ethernet (IEEE 802.3: reflected polynomial 0xEDB88320, initial
/// value and final XOR 0xFFFFFFFF), table-driven one byte at a time. CRC32("123456789") = 0xCBF43926.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/> (any length).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>The running value before any byte (pass it to <see cref="Append"/>).</summary>
    public const uint Start = 0xFFFFFFFFu;

    /// <summary>Feeds <paramref name="data"/> into a running value from <see cref="Start"/> or an earlier Append.</summary>
    public static uint Append(uint running, ReadOnlySpan<byte> data)
    {
        uint crc = running;
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>Turns a running value into the final CRC.</summary>
    public static uint Finish(uint running) => running ^ 0xFFFFFFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
