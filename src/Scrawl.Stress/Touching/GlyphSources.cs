using Scrawl.Data;
using Scrawl.Data.Formats;
using Scrawl.Data.Images;
using Scrawl.Data.Synthesis;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Stress.Touching;

/// <summary>Where the glyphs of a touching-letters word come from: draws one tight ink crop (ink = 1, paper 0) of a class (0–35, <see cref="Nist36Layout.ClassNames"/>) from a seeded generator.</summary>
public interface IGlyphSource
{
    /// <summary>Short name in reports, e.g. <c>photo-chars</c>.</summary>
    string Name { get; }

    /// <summary>A tight crop of one glyph of class <paramref name="classIndex"/> (0–35) drawn with <paramref name="random"/>: ink in [0, 1], ink = 1, at the source's own size.</summary>
    FloatImage Draw(int classIndex, SeededRandom random);
}

/// <summary>The glyph sources of the touching-letters benchmark: synthetic glyphs36, the photo-chars held-out split, and EMNIST byclass-test capitals and digits.</summary>
public static class GlyphSources
{
    /// <summary>Ink values at or above this (in (0, 1)) count as ink when a glyph is cropped tight.</summary>
    internal const double InkThreshold = 0.5;

    /// <summary>Synthetic glyphs from the glyphs36 generator, rendered in a 96-pixel frame (so strokes stay smooth when words are composed).</summary>
    public static IGlyphSource Synthetic() => new SyntheticGlyphs(new GlyphSynthesizer(new SynthesisOptions { Side = 96, MaxPenWidth = 8f, MinPenWidth = 2.5f }));

    /// <summary>
    /// The photo-chars crops (dark ink on light paper, inverted and contrast-stretched) of the held-out 10 % that
    /// <c>scrawl train-charmodel</c> never trains on (the catalog's stratified 80/10/10 split with seed 0);
    /// <paramref name="folder"/> is the photo-chars folder. Files are decoded when drawn.
    /// </summary>
    public static IGlyphSource PhotoCharsHeldOut(string folder, IImageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{Path.GetFullPath(folder)}: no such folder (photo-chars).");
        }

        var files = ImageFolder.ListFiles(folder);
        var names = Nist36Layout.ClassNames;
        var labels = files.Select(f => IndexOf(names, f.Class, folder)).ToArray();

        // The file order and labels are what the catalog loads; splitting their indices reproduces its held-out part exactly.
        var indices = new Tensor(files.Count, 1, 1);
        for (int i = 0; i < files.Count; i++)
        {
            indices.Row(i)[0] = i;
        }

        var test = Splitting.Stratified(new ImageSet(indices, labels, names, "photo-chars"), 0.1, 0.1, 0).Test!;
        var byClass = Enumerable.Range(0, names.Count).Select(_ => new List<string>()).ToArray();
        for (int i = 0; i < test.Count; i++)
        {
            int index = (int)test.Images.Row(i)[0];
            byClass[labels[index]].Add(files[index].Path);
        }

        return new FileGlyphs("photo-chars", [.. byClass.Select(l => l.ToArray())], decoder);
    }

    /// <summary>The EMNIST byclass-test capitals and digits of <paramref name="folder"/> (IDX, white ink on black, upright; never used to train the shipped model); lower case is left out.</summary>
    public static IGlyphSource Emnist(string folder)
    {
        string images = Path.Combine(folder, "images-idx3-ubyte.gz"), labels = Path.Combine(folder, "labels-idx1-ubyte.gz");
        if (!File.Exists(images) || !File.Exists(labels))
        {
            throw new FileNotFoundException($"{Path.GetFullPath(folder)}: expected images-idx3-ubyte.gz and labels-idx1-ubyte.gz (EMNIST byclass-test).", images);
        }

        var pixels = IdxFile.Read(images);
        var classes = IdxFile.Read(labels);
        if (pixels.Dimensions.Length != 3 || classes.Bytes is null || pixels.Bytes is null || classes.Count != pixels.Dimensions[0])
        {
            throw new InvalidDataException($"{Path.GetFullPath(folder)}: the IDX files are not N×H×W bytes with N byte labels.");
        }

        // EMNIST byclass labels: 0–9 digits, 10–35 A–Z, 36–61 a–z; Scrawl's order is A–Z then 0–9.
        var byClass = Enumerable.Range(0, Nist36Layout.ClassNames.Count).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < classes.Count; i++)
        {
            int label = classes.Bytes[i];
            if (label < 36)
            {
                byClass[label < 10 ? 26 + label : label - 10].Add(i);
            }
        }

        return new EmnistGlyphs([.. byClass.Select(l => l.ToArray())], pixels);
    }

    /// <summary>
    /// The tight crop (values ≥ <see cref="InkThreshold"/> define the box; specks under 5 % of the largest blob ignored) of an ink image with its
    /// paper level taken out (values below <see cref="PaperLevel"/> become 0, the rest are stretched to [0, 1]), or null when it has no ink.
    /// </summary>
    public static FloatImage? Tight(FloatImage ink)
    {
        ArgumentNullException.ThrowIfNull(ink);
        var clean = ink.Clone();
        for (int i = 0; i < clean.Pixels.Length; i++)
        {
            clean.Pixels[i] = Math.Clamp((clean.Pixels[i] - PaperLevel) / (1 - PaperLevel), 0f, 1f);
        }

        var box = CharacterNormalizer.InkBox(clean, InkThreshold, 0.05, erase: true);
        return box is { } b ? clean.Crop(b.Top, b.Left, b.Height, b.Width) : null;
    }

    /// <summary>Ink values up to this (in [0, 1)) are paper, texture or noise of the source crop: they would print as grey boxes around a glyph.</summary>
    internal const float PaperLevel = 0.15f;

    private static int IndexOf(IReadOnlyList<string> names, string name, string folder)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new InvalidDataException($"{folder}: class folder '{name}' is not one of A–Z, 0–9.");
    }

    private sealed class SyntheticGlyphs(GlyphSynthesizer synthesizer) : IGlyphSource
    {
        public string Name => "synthetic";

        public FloatImage Draw(int classIndex, SeededRandom random)
        {
            int side = synthesizer.Options.Side;
            var image = new FloatImage(synthesizer.RenderOne(classIndex, random), side, side);
            return Tight(image) ?? throw new InvalidOperationException($"glyphs36 drew no ink for class {Nist36Layout.ClassNames[classIndex]}.");
        }
    }

    private sealed class FileGlyphs(string name, string[][] files, IImageDecoder decoder) : IGlyphSource
    {
        private static readonly ImageFolderOptions Options = new() { Color = ColorMode.Grey, DarkInkOnLight = true };

        public string Name => name;

        public FloatImage Draw(int classIndex, SeededRandom random)
        {
            var list = files[classIndex];
            if (list.Length == 0)
            {
                throw new InvalidDataException($"{name}: no held-out image of class {Nist36Layout.ClassNames[classIndex]}.");
            }

            string path = list[random.NextInt(list.Length)];
            var ink = CharacterNormalizer.Stretch(ImageFolder.LoadImage(path, Options, decoder), 0.3, 0.99);
            return Tight(ink) ?? throw new InvalidDataException($"{path}: no ink found.");
        }
    }

    private sealed class EmnistGlyphs(int[][] indices, IdxArray pixels) : IGlyphSource
    {
        public string Name => "emnist";

        public FloatImage Draw(int classIndex, SeededRandom random)
        {
            int h = pixels.Dimensions[1], w = pixels.Dimensions[2];
            var list = indices[classIndex];
            for (int attempt = 0; ; attempt++)
            {
                int index = list[random.NextInt(list.Length)];
                var image = new FloatImage(h, w);
                var bytes = pixels.Bytes.AsSpan(index * h * w, h * w);
                for (int i = 0; i < bytes.Length; i++)
                {
                    image.Pixels[i] = bytes[i] / 255f;
                }

                if (Tight(image) is { } tight)
                {
                    return tight;
                }

                if (attempt == 9)
                {
                    throw new InvalidDataException($"EMNIST: no ink in ten images of class {Nist36Layout.ClassNames[classIndex]}.");
                }
            }
        }
    }
}
