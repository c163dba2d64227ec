using Scrawl.Data.Formats;

namespace Scrawl.Data.Tests.Formats;

/// <summary>MAT files whose one-hot labels are 26 (A–Z), 36 (A–Z then 0–9) or 10 (0–9) wide, written by the test.</summary>
public sealed class Nist36MatWidthTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-mat-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(int width, int samples)
    {
        var data = new double[samples * 1024];
        Array.Fill(data, 1.0); // paper in the NIST36 layout
        var labels = new double[samples * width];
        for (int i = 0; i < samples; i++)
        {
            labels[(i * width) + (i % width)] = 1;
            data[(i * 1024) + 5] = 0; // ink at transposed index 5 = upright row 5, column 0
        }

        string path = Path.Combine(_dir, $"w{width}.mat");
        MatWriter.Write(path, ("x_data", samples, 1024, data), ("x_labels", samples, width, labels));
        return path;
    }

    [Theory]
    [InlineData(26, "A", "Z")]
    [InlineData(36, "A", "9")]
    [InlineData(10, "0", "9")]
    public void Label_width_names_the_classes(int width, string first, string last)
    {
        var set = Nist36Mat.Load(Write(width, width + 3));
        Assert.Equal(width, set.ClassNames.Count);
        Assert.Equal(first, set.ClassNames[0]);
        Assert.Equal(last, set.ClassNames[^1]);
        Assert.Equal([.. Enumerable.Range(0, width + 3).Select(i => i % width)], set.Labels);
        Assert.Equal(1f, set.Images.Row(0)[5 * 32]);
    }

    [Fact]
    public void Another_width_is_refused_naming_the_known_ones()
    {
        var e = Assert.Throws<InvalidDataException>(() => Nist36Mat.Load(Write(7, 7)));
        Assert.Contains("w7.mat", e.Message, StringComparison.Ordinal);
        Assert.Contains("36, 26, 10", e.Message, StringComparison.Ordinal);
    }
}
