using System.Buffers.Binary;

namespace Scrawl.Data.Formats;

/// <summary>Turns the stored bytes of a MAT array's real part into float64 values in row-major order.</summary>
internal static class MatNumeric
{
    /// <summary>
    /// Decodes <paramref name="bytes"/> (whole values of the numeric miXXX <paramref name="type"/>, column-major)
    /// and reorders them to row-major for <paramref name="dims"/>, whose product must be the value count.
    /// </summary>
    public static double[] ToRowMajor(ReadOnlySpan<byte> bytes, uint type, bool bigEndian, int[] dims)
    {
        var columnMajor = Decode(bytes, type, bigEndian);
        return Reorder(columnMajor, dims);
    }

    private static double[] Decode(ReadOnlySpan<byte> b, uint type, bool big)
    {
        int size = MatRegion.ItemSize(type);
        var v = new double[b.Length / size];
        switch (type)
        {
            case MatRegion.MiInt8:
                for (int i = 0; i < v.Length; i++)
                {
                    v[i] = unchecked((sbyte)b[i]);
                }

                break;
            case MatRegion.MiUInt8:
                for (int i = 0; i < v.Length; i++)
                {
                    v[i] = b[i];
                }

                break;
            case MatRegion.MiInt16:
                for (int i = 0; i < v.Length; i++)
                {
                    var s = b.Slice(2 * i, 2);
                    v[i] = big ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s);
                }

                break;
            case MatRegion.MiUInt16:
                for (int i = 0; i < v.Length; i++)
                {
                    var s = b.Slice(2 * i, 2);
                    v[i] = big ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
                }

                break;
            case MatRegion.MiInt32:
                for (int i = 0; i < v.Length; i++)
                {
                    var s = b.Slice(4 * i, 4);
                    v[i] = big ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s);
                }

                break;
            case MatRegion.MiUInt32:
                for (int i = 0; i < v.Length; i++)
                {
                    var s = b.Slice(4 * i, 4);
                    v[i] = big ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
                }

                break;
            case MatRegion.MiSingle:
                for (int i = 0; i < v.Length; i++)
                {
                    var s = b.Slice(4 * i, 4);
                    v[i] = big ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s);
                }

                break;
            case MatRegion.MiDouble:
                if (!big && BitConverter.IsLittleEndian)
                {
                    System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(b).CopyTo(v);
                    break;
                }

                for (int i = 0; i < v.Length; i++)
                {
                    var s = b.Slice(8 * i, 8);
                    v[i] = big ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s);
                }

                break;
            case MatRegion.MiInt64:
                for (int i = 0; i < v.Length; i++)
                {
                    var s = b.Slice(8 * i, 8);
                    v[i] = big ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s);
                }

                break;
            case MatRegion.MiUInt64:
                for (int i = 0; i < v.Length; i++)
                {
                    var s = b.Slice(8 * i, 8);
                    v[i] = big ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Not a numeric MAT data type.");
        }

        return v;
    }

    /// <summary>Column-major (first index fastest) → row-major (last index fastest), same dimensions.</summary>
    internal static double[] Reorder(double[] source, int[] dims)
    {
        if (source.Length <= 1 || dims.Count(d => d > 1) <= 1)
        {
            return source; // a vector reads the same either way
        }

        var destination = new double[source.Length];
        if (dims.Length == 2)
        {
            int rows = dims[0], cols = dims[1];
            for (int c = 0; c < cols; c++)
            {
                for (int r = 0; r < rows; r++)
                {
                    destination[(r * cols) + c] = source[(c * rows) + r];
                }
            }

            return destination;
        }

        int rank = dims.Length;
        var strides = new int[rank]; // row-major strides of the destination
        strides[rank - 1] = 1;
        for (int k = rank - 2; k >= 0; k--)
        {
            strides[k] = strides[k + 1] * dims[k + 1];
        }

        var index = new int[rank];
        int at = 0;
        for (int s = 0; s < source.Length; s++)
        {
            destination[at] = source[s];
            for (int k = 0; k < rank; k++)
            {
                // Advance the column-major counter: dimension 0 fastest, carrying into the next.
                if (++index[k] < dims[k])
                {
                    at += strides[k];
                    break;
                }

                at -= (dims[k] - 1) * strides[k];
                index[k] = 0;
            }
        }

        return destination;
    }
}
