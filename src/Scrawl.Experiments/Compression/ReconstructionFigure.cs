using Scrawl.Data;
using Scrawl.Media;
using Scrawl.Numerics;

namespace Scrawl.Experiments.Compression;

/// <summary>Ten evaluation images (a seeded pick) above their reconstructions: the seed's Figure 8.</summary>
public static class ReconstructionFigure
{
    /// <summary>Writes the figure to <paramref name="path"/>; false (nothing written) when the images are not single-channel with one value per pixel.</summary>
    public static bool Save(ImageSet eval, Tensor reconstructed, string path, string method, string detail, long seed)
    {
        ArgumentNullException.ThrowIfNull(eval);
        ArgumentNullException.ThrowIfNull(reconstructed);
        ArgumentNullException.ThrowIfNull(method);
        if (eval.Channels != 1 || eval.Height * eval.Width != reconstructed.RowLength)
        {
            return false;
        }

        int count = Math.Min(10, eval.Count);
        int[] picks = new SeededRandom(seed).Permutation(eval.Count)[..count];
        var images = new Tensor(2 * count, eval.Height, eval.Width);
        var labels = new int[2 * count];
        for (int i = 0; i < count; i++)
        {
            eval.Images.Row(picks[i]).CopyTo(images.Row(i));
            var recon = images.Row(count + i);
            reconstructed.Row(picks[i]).CopyTo(recon);
            for (int j = 0; j < recon.Length; j++)
            {
                recon[j] = Math.Clamp(recon[j], 0f, 1f);
            }

            labels[count + i] = 1;
        }

        var set = new ImageSet(images, labels, ["validation images", $"{method} reconstructions ({detail})"], method.ToLowerInvariant());
        Montage.Save(set, path, perClass: count, columns: 1, new MontageOptions { Title = $"{method}: originals and reconstructions" });
        return true;
    }
}
