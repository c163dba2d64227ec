namespace Scrawl.Imaging.Tests;

public class LineMorphologyTests
{
    [Theory]
    [InlineData(5, false)]
    [InlineData(5, true)]
    [InlineData(9, false)]
    [InlineData(9, true)]
    public void Matches_scikit_image_erosion_dilation_and_closing_with_a_line(int length, bool vertical)
    {
        var page = Goldens.Gray("page.npy");
        string name = $"{(vertical ? "v" : "h")}{length}";
        Assert.True(Goldens.MaxError(LineMorphology.Erode(page, length, vertical), Goldens.Read($"line_erode_{name}.npy")) < 1e-6);
        Assert.True(Goldens.MaxError(LineMorphology.Dilate(page, length, vertical), Goldens.Read($"line_dilate_{name}.npy")) < 1e-6);
        Assert.True(Goldens.MaxError(LineMorphology.Close(page, length, vertical), Goldens.Read($"line_close_{name}.npy")) < 1e-6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Agrees_with_a_naive_window_extreme_at_every_length_and_line_size(bool vertical)
    {
        var random = new Random(7);
        for (int size = 1; size <= 40; size++)
        {
            // Three lines of `size` pixels: rows of a 3×size image, or columns of a size×3 one.
            var pixels = new float[3 * size];
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (float)random.NextDouble();
            }

            var image = vertical ? new FloatImage(pixels, size, 3) : new FloatImage(pixels, 3, size);
            for (int length = 1; length <= 2 * size + 3; length += 2)
            {
                var eroded = LineMorphology.Erode(image, length, vertical);
                var dilated = LineMorphology.Dilate(image, length, vertical);
                var closed = LineMorphology.Close(image, length, vertical);
                for (int line = 0; line < 3; line++)
                {
                    float[] values = [.. Enumerable.Range(0, size).Select(k => vertical ? image[k, line] : image[line, k])];
                    float At(FloatImage result, int k) => vertical ? result[k, line] : result[line, k];
                    var dilatedLine = new float[size];
                    for (int k = 0; k < size; k++)
                    {
                        int lo = Math.Max(0, k - (length / 2)), hi = Math.Min(size - 1, k + (length / 2));
                        var window = values.AsSpan(lo, hi - lo + 1);
                        Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Min(window), At(eroded, k));
                        Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Max(window), At(dilated, k));
                        dilatedLine[k] = At(dilated, k);
                    }

                    for (int k = 0; k < size; k++)
                    {
                        int lo = Math.Max(0, k - (length / 2)), hi = Math.Min(size - 1, k + (length / 2));
                        Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Min(dilatedLine.AsSpan(lo, hi - lo + 1)), At(closed, k));
                    }
                }
            }
        }
    }

    [Fact]
    public void Closing_keeps_a_long_dark_line_and_fills_a_short_dark_stroke()
    {
        var pixels = Enumerable.Repeat(1f, 20 * 40).ToArray();
        for (int x = 0; x < 40; x++)
        {
            pixels[(5 * 40) + x] = 0.3f; // a ruling line across the image
        }

        for (int y = 10; y < 18; y++)
        {
            pixels[(y * 40) + 20] = 0.1f; // a short vertical stroke
        }

        var closed = LineMorphology.Close(new FloatImage(pixels, 20, 40), 15, vertical: false);
        Assert.Equal(0.3f, closed[5, 7]);
        Assert.Equal(1f, closed[12, 20]);
    }

    [Fact]
    public void Rejects_an_even_or_non_positive_length()
    {
        var image = new FloatImage(4, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => LineMorphology.Erode(image, 4, vertical: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => LineMorphology.Dilate(image, 0, vertical: true));
        // The span overloads: a destination of the wrong size, or one overlapping the image, is refused.
        var pixels = new float[16];
        Assert.Throws<ArgumentException>(() => LineMorphology.Erode(pixels, new float[15], 4, 4, 3, vertical: false));
        Assert.Throws<ArgumentException>(() => LineMorphology.Close(pixels, pixels, 4, 4, 3, vertical: true));
    }
}
