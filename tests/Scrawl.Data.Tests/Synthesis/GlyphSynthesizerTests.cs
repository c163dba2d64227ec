using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Scrawl.Data.Synthesis;
using Scrawl.Numerics;

namespace Scrawl.Data.Tests.Synthesis;

public class GlyphSynthesizerTests
{
    private const int Side = 32;
    private static readonly GlyphSynthesizer Synth = new();

    private static string Hash(ImageSet set) =>
        Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(set.Images.Span)));

    /// <summary>Ink box (pixels above the threshold) of one image, or null when empty.</summary>
    private static (int X0, int Y0, int X1, int Y1, int Count)? InkBox(ReadOnlySpan<float> image, float threshold = 0.35f)
    {
        int x0 = Side, y0 = Side, x1 = -1, y1 = -1, count = 0;
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                if (image[(y * Side) + x] > threshold)
                {
                    count++;
                    (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                }
            }
        }

        return count == 0 ? null : (x0, y0, x1, y1, count);
    }

    [Fact]
    public void Same_seed_gives_bit_identical_images_and_another_seed_differs()
    {
        var a = Synth.Generate(4, seed: 42);
        var b = new GlyphSynthesizer().Generate(4, seed: 42);
        var c = Synth.Generate(4, seed: 43);
        Assert.Equal(Hash(a), Hash(b));
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(Hash(a), Hash(c));
    }

    [Fact]
    public void Each_sample_depends_only_on_its_own_seed_not_on_thread_scheduling()
    {
        var set = Synth.Generate(3, seed: 7);
        foreach (int i in new[] { 0, 17, 35, 36, 71, 107 })
        {
            int label = set.Labels[i];
            Assert.Equal(i % 36, label);
            var alone = Synth.RenderOne(label, new SeededRandom(GlyphSynthesizer.SampleSeed(7, label, i / 36)));
            Assert.True(alone.AsSpan().SequenceEqual(set.Images.Row(i)), $"sample {i}");
        }

        Assert.NotEqual(GlyphSynthesizer.SampleSeed(7, 0, 1), GlyphSynthesizer.SampleSeed(7, 1, 0));
    }

    [Fact]
    public void All_36_classes_are_present_in_label_order_with_nist_shape()
    {
        var set = Synth.Generate(5, seed: 1);
        Assert.Equal(36 * 5, set.Count);
        Assert.Equal((Side, Side, 1), (set.Height, set.Width, set.Channels));
        Assert.Equal(Nist36Layout.ClassNames, set.ClassNames);
        Assert.All(set.CountPerClass(), n => Assert.Equal(5, n));
        Assert.Equal("glyphs36", set.Name);
        for (int c = 0; c < 36; c++)
        {
            Assert.True(Synth.ShapeCount(c) >= 3, $"class {set.ClassNames[c]} draws from {Synth.ShapeCount(c)} shapes");
        }
    }

    [Fact]
    public void Values_ink_amount_size_and_position_are_in_range()
    {
        var o = Synth.Options;
        var set = Synth.Generate(20, seed: 3);
        Assert.True(set.Images.IsFinite());
        var fills = new List<double>();
        var centres = new List<double>();
        for (int n = 0; n < set.Count; n++)
        {
            var image = set.Images.Row(n);
            Assert.All(image.ToArray(), v => Assert.InRange(v, 0f, 1f));
            var box = InkBox(image) ?? throw new InvalidOperationException($"sample {n} has no ink");
            Assert.InRange(box.Count / (double)(Side * Side), 0.01, 0.6);

            // Longer side of the ink box within the fill range, allowing for blur, pressure and the threshold.
            double fill = Math.Max(box.X1 - box.X0 + 1, box.Y1 - box.Y0 + 1) / (double)Side;
            Assert.InRange(fill, o.FillMin - (3.0 / Side), o.FillMax + (3.0 / Side));
            fills.Add(fill);
            centres.Add(((box.X0 + box.X1 + 1) / 2.0) - (Side / 2.0));
            centres.Add(((box.Y0 + box.Y1 + 1) / 2.0) - (Side / 2.0));
        }

        fills.Sort();
        Assert.InRange(fills[fills.Count / 2], 0.72, 0.84); // median ≈ 0.78 as in NIST
        Assert.InRange(centres.Average(), -0.5, 0.5);
        Assert.True(centres.All(c => Math.Abs(c) <= 4), "ink boxes are centred within a few pixels");
    }

    [Fact]
    public void Classes_differ_more_than_two_draws_of_one_class()
    {
        double[] Mean(ImageSet set, string cls)
        {
            int label = set.ClassNames.ToList().IndexOf(cls);
            var mean = new double[Side * Side];
            int count = 0;
            for (int n = 0; n < set.Count; n++)
            {
                if (set.Labels[n] == label)
                {
                    var row = set.Images.Row(n);
                    for (int i = 0; i < mean.Length; i++)
                    {
                        mean[i] += row[i];
                    }

                    count++;
                }
            }

            return [.. mean.Select(v => v / count)];
        }

        static double Distance(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Sum();

        var first = Synth.Generate(50, seed: 11);
        var second = Synth.Generate(50, seed: 12);
        double sameO = Distance(Mean(first, "O"), Mean(second, "O"));
        double oVersusI = Distance(Mean(first, "O"), Mean(first, "I"));
        double zeroVersusOne = Distance(Mean(first, "0"), Mean(first, "1"));
        Assert.True(oVersusI > 2 * sameO, $"O vs I {oVersusI:F1}, O vs O {sameO:F1}");
        Assert.True(zeroVersusOne > 2 * sameO, $"0 vs 1 {zeroVersusOne:F1}, O vs O {sameO:F1}");

        // An 'I' is tall and narrow: most of its mean ink sits in the middle columns, unlike an 'O''s.
        double MiddleShare(double[] mean)
        {
            double middle = 0, total = 0;
            for (int i = 0; i < mean.Length; i++)
            {
                total += mean[i];
                middle += Math.Abs((i % Side) - 15.5) < 6 ? mean[i] : 0;
            }

            return middle / total;
        }

        double shareI = MiddleShare(Mean(first, "I")), shareO = MiddleShare(Mean(first, "O"));
        Assert.True(shareI > 0.65 && shareI > shareO + 0.2, $"share of ink in the middle columns: I {shareI:P0}, O {shareO:P0}");
    }

    [Fact]
    public void Options_are_validated_and_a_plain_single_font_setup_works()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GlyphSynthesizer(new SynthesisOptions { MaxRotationDegrees = 90 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GlyphSynthesizer(new SynthesisOptions { MinPenWidth = 4, MaxPenWidth = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GlyphSynthesizer(new SynthesisOptions { FillMin = 0.9f, FillMax = 0.8f }));
        Assert.Throws<ArgumentException>(() => new GlyphSynthesizer(new SynthesisOptions { Fonts = [new("futural", 0, 1)], VariantWeight = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synth.RenderOne(36, new SeededRandom(1)));

        var plain = new GlyphSynthesizer(new SynthesisOptions
        {
            Side = 28, Fonts = [new("futural", 1, 1)], VariantWeight = 0, EndJitter = 0, Wobble = 0, Elastic = 0,
            MaxRotationDegrees = 0, MaxShear = 0, MaxAspectFactor = 1, BlurProbability = 0, MaxNoise = 0, MaxPaper = 0,
            MinInk = 1, FillSpread = 0, PositionJitter = 0, MinPenWidth = 3, MaxPenWidth = 3,
        });
        var image = plain.RenderOne(Nist36Layout.ClassNames.ToList().IndexOf("L"), new SeededRandom(5));
        Assert.Equal(28 * 28, image.Length);
        Assert.Equal(1f, image.Max());
        Assert.Equal(0f, image.Min());
    }

    [Fact]
    public void A_montage_is_written_as_binary_pgm()
    {
        var set = Synth.Generate(1, seed: 2);
        string path = Path.Combine(Path.GetTempPath(), $"scrawl-montage-{Environment.ProcessId}.pgm");
        try
        {
            PgmMontage.WriteMontage(path, set, columns: 6, count: 36, zoom: 2);
            var bytes = File.ReadAllBytes(path);
            int width = (6 * 65) + 1, height = (6 * 65) + 1;
            string header = $"P5\n{width} {height}\n255\n";
            Assert.Equal(header, System.Text.Encoding.ASCII.GetString(bytes, 0, header.Length));
            Assert.Equal(header.Length + (width * height), bytes.Length);
            Assert.Equal(128, bytes[header.Length]); // the grey grid line
        }
        finally
        {
            File.Delete(path);
        }
    }
}
