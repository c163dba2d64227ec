using Scrawl.Data;
using Scrawl.Data.Synthesis;
using Scrawl.Ocr.Training;

namespace Scrawl.Experiments.CharModel;

/// <summary>
/// The single glyphs that the segment check and the word reader compose their training crops and words from: synthetic glyphs36 (60 a class),
/// the photo-chars training split and EMNIST more36's training split — never the photo-chars held-out split, which they are scored on, nor
/// EMNIST byclass-test, which the touching-letters benchmark reads.
/// </summary>
internal static class CompositionGlyphs
{
    /// <summary>The training glyph sets and the held-out photo-chars glyphs; data sets come from <paramref name="load"/>, progress lines go to <paramref name="log"/>.</summary>
    public static (ImageSet[] Training, ImageSet HeldOut) Load(long seed, Func<string, long, DatasetSplits> load, Action<string> log)
    {
        log($"generating synthetic glyphs (seed {seed})");
        var synthetic = new GlyphSynthesizer().Generate(60, seed);
        var photo = load("photo-chars", CharModelData.SplitSeed);
        var emnist = load("emnist-more36", CharModelData.SplitSeed);
        log($"glyphs: synthetic {synthetic.Count:N0}, photo-chars train {photo.Train.Count:N0}, emnist-more36 train {emnist.Train.Count:N0}");
        var heldOut = photo.Test ?? throw new InvalidDataException("photo-chars: expected a test split to hold out.");
        return ([synthetic, photo.Train, emnist.Train], heldOut);
    }
}
