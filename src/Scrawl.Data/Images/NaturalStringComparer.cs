namespace Scrawl.Data.Images;

/// <summary>
/// Orders strings so that runs of digits compare by numeric value ("2" &lt; "10", "img9" &lt; "img10");
/// other characters compare ordinally. Ties (e.g. "01" vs "1") fall back to ordinal order, so the order is total.
/// </summary>
public sealed class NaturalStringComparer : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static NaturalStringComparer Instance { get; } = new();

    /// <summary>Negative, zero or positive as <paramref name="x"/> sorts before, with or after <paramref name="y"/> (null first).</summary>
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int iEnd = DigitsEnd(x, i), jEnd = DigitsEnd(y, j);
                var a = x.AsSpan(i, iEnd - i).TrimStart('0');
                var b = y.AsSpan(j, jEnd - j).TrimStart('0');
                int byValue = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (byValue != 0)
                {
                    return byValue;
                }

                i = iEnd;
                j = jEnd;
                continue;
            }

            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }

            i++;
            j++;
        }

        int byRest = (x.Length - i).CompareTo(y.Length - j);
        return byRest != 0 ? byRest : string.CompareOrdinal(x, y);
    }

    private static int DigitsEnd(string s, int start)
    {
        int end = start;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        return end;
    }
}
