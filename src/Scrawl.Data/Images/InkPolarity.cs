using Scrawl.Imaging;

namespace Scrawl.Data.Images;

/// <summary>Which way a character image's ink runs against its paper.</summary>
public enum Polarity
{
    /// <summary>Dark ink on light paper (photos, scans, most users' crops): inverted to Scrawl's ink = 1.</summary>
    DarkInkOnLight,

    /// <summary>Light ink on dark paper (MNIST, EMNIST): already Scrawl's ink = 1.</summary>
    LightInkOnDark,
}

/// <summary>The polarity of a folder of images and how sure the vote was.</summary>
/// <param name="Polarity">The majority polarity (ties and folders without a single vote: dark ink on light).</param>
/// <param name="DarkVotes">Images that voted dark ink on light (≥ 0).</param>
/// <param name="LightVotes">Images that voted light ink on dark (≥ 0).</param>
/// <param name="Abstained">Images without two tones (blank, flat) that did not vote (≥ 0).</param>
public sealed record PolarityVote(Polarity Polarity, int DarkVotes, int LightVotes, int Abstained)
{
    /// <summary>One line for users, e.g. "dark ink on light paper (detected: 61 of 64 images)".</summary>
    public string Describe() =>
        $"{(Polarity == Polarity.DarkInkOnLight ? "dark ink on light paper" : "light ink on dark paper")} (detected: {Math.Max(DarkVotes, LightVotes)} of {DarkVotes + LightVotes + Abstained} images)";
}

/// <summary>
/// Detects whether character images show dark ink on light paper or light ink on dark paper. The rule, per image:
/// Otsu's threshold splits the grey values into a dark and a light class; the <b>paper is the class that holds most of
/// the image's outermost ring of pixels</b> (the 1-pixel frame: even a tight crop touches the frame with its ink only in
/// places), and when the frame is split evenly, the class with more pixels overall. An image with a single tone abstains.
/// A folder takes the majority of its images' votes (<see cref="Vote"/>), so one odd crop (a tight "O" whose ring is its
/// stroke) cannot flip it. Pure and thread-safe.
/// </summary>
public static class InkPolarity
{
    /// <summary>The polarity of one grey image (any size ≥ 1×1), or null when it has a single tone and cannot tell.</summary>
    public static Polarity? Of(FloatImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var grey = image.Channels == 1 ? image : image.ToGrey();
        float min = System.Numerics.Tensors.TensorPrimitives.Min(grey.Pixels);
        float max = System.Numerics.Tensors.TensorPrimitives.Max(grey.Pixels);
        if (max - min < 1e-3f)
        {
            return null;
        }

        float threshold = Thresholds.Otsu(grey);
        int h = grey.Height, w = grey.Width;
        long ringLight = 0, ringDark = 0;
        for (int y = 0; y < h; y++)
        {
            var row = grey.Row(y);
            bool edgeRow = y == 0 || y == h - 1;
            for (int x = 0; x < w; x++)
            {
                if (edgeRow || x == 0 || x == w - 1)
                {
                    if (row[x] > threshold)
                    {
                        ringLight++;
                    }
                    else
                    {
                        ringDark++;
                    }
                }
            }
        }

        if (ringLight == ringDark)
        {
            long light = 0;
            foreach (float v in grey.Pixels)
            {
                light += v > threshold ? 1 : 0;
            }

            long dark = grey.Pixels.Length - light;
            if (light == dark)
            {
                return null;
            }

            return light > dark ? Polarity.DarkInkOnLight : Polarity.LightInkOnDark;
        }

        return ringLight > ringDark ? Polarity.DarkInkOnLight : Polarity.LightInkOnDark;
    }

    /// <summary>The majority polarity of <paramref name="images"/> (any number, any sizes); ties go to dark ink on light.</summary>
    public static PolarityVote Vote(IEnumerable<FloatImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        int dark = 0, light = 0, none = 0;
        foreach (var image in images)
        {
            switch (Of(image))
            {
                case Polarity.DarkInkOnLight:
                    dark++;
                    break;
                case Polarity.LightInkOnDark:
                    light++;
                    break;
                default:
                    none++;
                    break;
            }
        }

        return new PolarityVote(light > dark ? Polarity.LightInkOnDark : Polarity.DarkInkOnLight, dark, light, none);
    }
}
