using Scrawl.Deep.Training;
using SeededRandom = Scrawl.Numerics.SeededRandom;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>The batch augmentation of <c>deep train --augment</c>: shifts of at most 2 pixels with zero fill, optional mirroring, seeded, input untouched.</summary>
public sealed class BatchAugmentationTests
{
    private const int Count = 48, Side = 9;

    /// <summary>Random images [Count × 1 × Side × Side] without zeros, so a shifted-in border is recognisable.</summary>
    private static Tensor Images()
    {
        using var generator = new Generator(3);
        using var uniform = rand([Count, 1, Side, Side], generator: generator);
        return uniform + 0.1f;
    }

    /// <summary>The image shifted down by <paramref name="dy"/> and right by <paramref name="dx"/> pixels, zeros shifted in (reference, pixel by pixel).</summary>
    private static float[] Shifted(float[] image, int dy, int dx, bool mirror)
    {
        var result = new float[image.Length];
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                int sy = y - dy, sx = x - dx;
                if (sy is >= 0 and < Side && sx is >= 0 and < Side)
                {
                    result[(y * Side) + (mirror ? Side - 1 - x : x)] = image[(sy * Side) + sx];
                }
            }
        }

        return result;
    }

    /// <summary>For each output image, the (dy, dx, mirrored) that makes it from its input, or null when none does.</summary>
    private static List<(int Dy, int Dx, bool Mirror)?> Explain(Tensor input, Tensor output, bool allowMirror)
    {
        var found = new List<(int, int, bool)?>();
        for (int i = 0; i < Count; i++)
        {
            float[] source = input[i].flatten().data<float>().ToArray();
            float[] result = output[i].flatten().data<float>().ToArray();
            (int, int, bool)? match = null;
            for (int dy = -BatchAugmentation.MaxShift; dy <= BatchAugmentation.MaxShift && match is null; dy++)
            {
                for (int dx = -BatchAugmentation.MaxShift; dx <= BatchAugmentation.MaxShift && match is null; dx++)
                {
                    foreach (bool mirror in allowMirror ? new[] { false, true } : [false])
                    {
                        if (Shifted(source, dy, dx, mirror).SequenceEqual(result))
                        {
                            match = (dy, dx, mirror);
                            break;
                        }
                    }
                }
            }

            found.Add(match);
        }

        return found;
    }

    [Fact]
    public void None_returns_the_batch_itself()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        using var images = Images();
        Assert.Same(images, BatchAugmentation.Apply(images, "none", new SeededRandom(1)));
    }

    [Theory]
    [InlineData("shift", true, false)]
    [InlineData("flip", false, true)]
    [InlineData("shift-flip", true, true)]
    public void Every_image_is_its_input_shifted_by_at_most_two_pixels_and_mirrored_only_when_asked(string mode, bool shifts, bool mirrors)
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        using var images = Images();
        float[] before = images.data<float>().ToArray();
        using var output = BatchAugmentation.Apply(images, mode, new SeededRandom(7));
        Assert.Equal(images.shape, output.shape);
        Assert.Equal(before, images.data<float>().ToArray()); // the input is untouched

        var found = Explain(images, output, mirrors);
        Assert.All(found, f => Assert.NotNull(f));
        var offsets = found.Select(f => (f!.Value.Dy, f.Value.Dx)).Distinct().ToList();
        Assert.True(shifts ? offsets.Count >= 10 : offsets.SequenceEqual([(0, 0)]), $"{offsets.Count} different shifts in {Count} images");
        Assert.Equal(mirrors, found.Any(f => f!.Value.Mirror));
        if (mirrors)
        {
            Assert.Contains(found, f => !f!.Value.Mirror);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_batch_and_another_seed_another()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        using var images = Images();
        using var a = BatchAugmentation.Apply(images, "shift-flip", new SeededRandom(11));
        using var b = BatchAugmentation.Apply(images, "shift-flip", new SeededRandom(11));
        using var c = BatchAugmentation.Apply(images, "shift-flip", new SeededRandom(12));
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.NotEqual(a.data<float>().ToArray(), c.data<float>().ToArray());
    }

    [Fact]
    public void An_unknown_mode_is_named()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        using var images = Images();
        Assert.Contains("'rotate'", Assert.Throws<ArgumentException>(() => BatchAugmentation.Apply(images, "rotate", new SeededRandom(1))).Message);
    }
}
