using Scrawl.Deep.Training;
using SeededRandom = Scrawl.Numerics.SeededRandom;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>
/// The per-image augmentation of <c>deep train --augment affine</c> and of the fine-tuning crops: seeded, the input untouched,
/// the right shapes, and image i of the output always made from image i of the input (labels stay valid).
/// </summary>
public sealed class ImageAugmentationTests
{
    private const int Count = 16, Side = 28;

    /// <summary>Image i holds one Gaussian blob (σ 1.5 px) at its own place within 6 px of the centre.</summary>
    private static (Tensor Images, float[] Ys, float[] Xs) Blobs()
    {
        var images = new float[Count * Side * Side];
        float[] ys = new float[Count], xs = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            ys[i] = 13.5f + (((i / 4) - 1.5f) * 4);
            xs[i] = 13.5f + (((i % 4) - 1.5f) * 4);
            for (int y = 0; y < Side; y++)
            {
                for (int x = 0; x < Side; x++)
                {
                    float d2 = ((y - ys[i]) * (y - ys[i])) + ((x - xs[i]) * (x - xs[i]));
                    images[(i * Side * Side) + (y * Side) + x] = MathF.Exp(-d2 / (2 * 1.5f * 1.5f));
                }
            }
        }

        return (tensor(images, [Count, 1, Side, Side]), ys, xs);
    }

    /// <summary>Centre of mass (y, x) and total mass of image <paramref name="i"/> of [N × 1 × H × W].</summary>
    private static (double Y, double X, double Mass) Centre(Tensor images, int i)
    {
        float[] v = images[i].flatten().data<float>().ToArray();
        double mass = 0, my = 0, mx = 0;
        for (int p = 0; p < v.Length; p++)
        {
            mass += v[p];
            my += v[p] * (p / Side);
            mx += v[p] * (p % Side);
        }

        return (my / mass, mx / mass, mass);
    }

    [Fact]
    public void Affine_keeps_each_image_in_place_moving_its_content_no_further_than_the_ranges_allow()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        var (images, ys, xs) = Blobs();
        using var _ = images;
        float[] before = images.data<float>().ToArray();
        using var output = BatchAugmentation.Apply(images, "affine", new SeededRandom(5));
        Assert.Equal(images.shape, output.shape);
        Assert.Equal(before, images.data<float>().ToArray());
        var moves = new List<double>();
        for (int i = 0; i < Count; i++)
        {
            var (y, x, mass) = Centre(output, i);
            var (_, _, original) = Centre(images, i);
            // A point r px from the centre moves at most r·(sin 10° + 0.1 + 0.15) + 2·√2 px; the blobs are within 8.5 px.
            double move = Math.Sqrt(((y - ys[i]) * (y - ys[i])) + ((x - xs[i]) * (x - xs[i])));
            Assert.True(move < (8.5 * 0.43) + 2.9, $"image {i}'s blob moved {move:F2} px");
            Assert.InRange(mass / original, 0.75, 1.3); // the blob is still there, not cropped away or another image's
            moves.Add(move);
        }

        Assert.True(moves.Distinct().Count() == Count && moves.Max() > 1, "every image gets its own transform");
    }

    [Fact]
    public void Affine_with_zero_ranges_is_the_identity_and_draws_are_seeded()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        var (images, _, _) = Blobs();
        using var _ = images;
        using var same = ImageAugmentation.RandomAffine(images, new SeededRandom(1), 0, 0, 0, 0);
        Assert.True(same.allclose(images, rtol: 0, atol: 1e-5));
        using var a = ImageAugmentation.RandomAffine(images, new SeededRandom(9), 10, 0.1, 0.15, 2);
        using var b = ImageAugmentation.RandomAffine(images, new SeededRandom(9), 10, 0.1, 0.15, 2);
        using var c = ImageAugmentation.RandomAffine(images, new SeededRandom(10), 10, 0.1, 0.15, 2);
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.NotEqual(a.data<float>().ToArray(), c.data<float>().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageAugmentation.RandomAffine(images, new SeededRandom(1), 10, 1.0, 0, 0));
    }

    [Fact]
    public void Random_resized_crops_stay_inside_their_own_image_and_mirror_only_when_asked()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        // Image i: a left-to-right ramp 0…1 plus 2·i, so every output pixel tells which image and which way it came from.
        using var ramp = linspace(0, 1, 40).reshape(1, 1, 1, 40).expand(Count, 3, 32, 40);
        using var offsets = (arange(Count, ScalarType.Float32) * 2).reshape(Count, 1, 1, 1);
        using var images = ramp + offsets;
        float[] before = images.data<float>().ToArray();
        using var mirrored = ImageAugmentation.RandomResizedCrops(images, new SeededRandom(3), 24, 0.3, flip: true);
        using var plain = ImageAugmentation.RandomResizedCrops(images, new SeededRandom(3), 24, 0.3, flip: false);
        Assert.Equal([(long)Count, 3, 24, 24], mirrored.shape);
        Assert.Equal(before, images.data<float>().ToArray());
        int flips = 0;
        for (int i = 0; i < Count; i++)
        {
            foreach (var crop in new[] { mirrored[i], plain[i] })
            {
                using var values = crop - (2f * i);
                Assert.InRange(values.min().item<float>(), -1e-4f, 1.0001f); // inside image i: no zero fill, no neighbour
                Assert.True((values.max() - values.min()).item<float>() > 0.2f, "a crop spans part of the ramp");
            }

            float left = mirrored[i, 0, 0, 0].item<float>(), right = mirrored[i, 0, 0, 23].item<float>();
            flips += left > right ? 1 : 0;
            Assert.True(plain[i, 0, 0, 0].item<float>() < plain[i, 0, 0, 23].item<float>(), "without flip the ramp still rises");
        }

        Assert.InRange(flips, 1, Count - 1);
    }

    [Fact]
    public void Colour_jitter_is_seeded_stays_in_range_and_keeps_grey_grey()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        using var colourGenerator = new Generator(4);
        using var colour = rand([Count, 3, 8, 8], generator: colourGenerator);
        using var a = ImageAugmentation.ColourJitter(colour, new SeededRandom(2), 0.4);
        using var b = ImageAugmentation.ColourJitter(colour, new SeededRandom(2), 0.4);
        Assert.Equal([(long)Count, 3, 8, 8], a.shape);
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.False(a.allclose(colour));
        Assert.InRange(a.min().item<float>(), 0f, 1f);
        Assert.InRange(a.max().item<float>(), 0f, 1f);
        using var none = ImageAugmentation.ColourJitter(colour, new SeededRandom(2), 0);
        Assert.True(none.allclose(colour, rtol: 0, atol: 1e-6));
        using var greyGenerator = new Generator(5);
        using var grey = rand([Count, 1, 8, 8], generator: greyGenerator).expand(Count, 3, 8, 8).contiguous();
        using var greyOut = ImageAugmentation.ColourJitter(grey, new SeededRandom(6), 0.4);
        Assert.True(greyOut[.., 0].allclose(greyOut[.., 2], rtol: 0, atol: 1e-5), "a grey image stays grey");
    }
}
