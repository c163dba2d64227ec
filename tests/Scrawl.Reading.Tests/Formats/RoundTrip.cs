namespace Scrawl.Reading.Tests.Formats;

/// <summary>Compares what a format was read back as with the JSON's lines, words and characters.</summary>
internal static class RoundTrip
{
    /// <summary>
    /// Same text and boxes everywhere; word confidences within <paramref name="wordTolerance"/> and character confidences within
    /// <paramref name="characterTolerance"/> of the JSON's (the formats round differently); characters only compared when <paramref name="characters"/>.
    /// </summary>
    public static void AssertSame(IReadOnlyList<BackLine> expected, IReadOnlyList<BackLine> actual, double wordTolerance, double characterTolerance, bool characters = true)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.NotEmpty(expected);
        for (int l = 0; l < expected.Count; l++)
        {
            Assert.Equal(expected[l].Box, actual[l].Box);
            Assert.Equal(expected[l].Text, actual[l].Text);
            Assert.Equal(expected[l].Words.Count, actual[l].Words.Count);
            for (int w = 0; w < expected[l].Words.Count; w++)
            {
                var (e, a) = (expected[l].Words[w], actual[l].Words[w]);
                Assert.Equal(e.Box, a.Box);
                Assert.Equal(e.Text, a.Text);
                Assert.True(Math.Abs(e.Confidence - a.Confidence) <= wordTolerance, $"word {e.Text}: {a.Confidence} vs {e.Confidence}");
                if (!characters)
                {
                    continue;
                }

                Assert.Equal(e.Characters.Count, a.Characters.Count);
                for (int c = 0; c < e.Characters.Count; c++)
                {
                    Assert.Equal(e.Characters[c].Box, a.Characters[c].Box);
                    Assert.Equal(e.Characters[c].Label, a.Characters[c].Label);
                    Assert.True(Math.Abs(e.Characters[c].Confidence - a.Characters[c].Confidence) <= characterTolerance,
                        $"character {c} of {e.Text}: {a.Characters[c].Confidence} vs {e.Characters[c].Confidence}");
                }
            }
        }
    }

    /// <summary>[top, left, bottom, right] from left, top, width, height.</summary>
    public static int[] FromLtwh(int left, int top, int width, int height) => [top, left, top + height, left + width];

    /// <summary>[top, left, bottom, right] from x0 y0 x1 y1.</summary>
    public static int[] FromCorners(int x0, int y0, int x1, int y1) => [y0, x0, y1, x1];
}
