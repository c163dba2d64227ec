using Scrawl.Data;
using Scrawl.Numerics;
using SkiaSharp;

namespace Scrawl.Media;

/// <summary>
/// A labelled contact sheet of a data set: one block per class — the class name (and count) above a row of
/// up to <c>perClass</c> samples — with blocks laid out <c>columns</c> to a row, rendered as a PNG.
/// </summary>
public static class Montage
{
    /// <summary>The default label font file name, looked up in <c>fonts/</c> under the application folder.</summary>
    public const string DefaultFontFile = "DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> DefaultTypeface = new(() => LoadTypeface(DefaultFontPath()));

    /// <summary>Renders the montage as PNG bytes; <paramref name="perClass"/> ≥ 1 samples per class, <paramref name="columns"/> ≥ 1 class blocks per row.</summary>
    public static byte[] Render(ImageSet set, int perClass = 8, int columns = 1, MontageOptions? options = null)
    {
        using var bitmap = RenderBitmap(set, perClass, columns, options);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the montage PNG.");
        return data.ToArray();
    }

    /// <summary>Renders the montage and writes it to <paramref name="path"/> atomically (temporary file + rename).</summary>
    public static void Save(ImageSet set, string path, int perClass = 8, int columns = 1, MontageOptions? options = null) =>
        AtomicFile.WriteAllBytes(path, Render(set, perClass, columns, options));

    /// <summary>The path of the shipped label font: <c>fonts/DejaVuSans.ttf</c> under <see cref="AppContext.BaseDirectory"/>.</summary>
    public static string DefaultFontPath() => Path.Combine(AppContext.BaseDirectory, "fonts", DefaultFontFile);

    /// <summary>Loads a TrueType font; throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming the file when it is missing or unreadable.</summary>
    public static SKTypeface LoadTypeface(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: label font not found (it ships in assets/fonts and is copied to fonts/ in the build output).", path);
        }

        return SKTypeface.FromFile(path) ?? throw new InvalidDataException($"{path}: not a usable font file.");
    }

    /// <summary>Renders the montage to a new bitmap (the caller disposes it).</summary>
    public static SKBitmap RenderBitmap(ImageSet set, int perClass = 8, int columns = 1, MontageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        options ??= new MontageOptions();
        var typeface = options.FontPath is null ? DefaultTypeface.Value : LoadTypeface(options.FontPath);
        using var font = new SKFont(typeface, options.LabelSize);
        using var titleFont = new SKFont(typeface, options.LabelSize * 1.25f);
        var g = Layout.Of(set, perClass, columns, options);
        int gap = g.Gap, pad = g.Pad, labelH = g.LabelHeight, titleH = g.TitleHeight;
        int cellW = g.CellWidth, cellH = g.CellHeight, blockW = g.BlockWidth, blockH = g.BlockHeight, classes = set.ClassNames.Count;
        var bitmap = new SKBitmap(new SKImageInfo(g.Width, g.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var text = new SKPaint { Color = new SKColor(20, 20, 20), IsAntialias = true };
        using var frame = new SKPaint { Color = new SKColor(200, 200, 200), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var empty = new SKPaint { Color = new SKColor(238, 238, 238) };
        if (options.Title is { } title)
        {
            canvas.DrawText(title, pad, pad + (titleFont.Size * 1.1f), SKTextAlign.Left, titleFont, text);
        }

        bool shrink = cellH < set.Height || cellW < set.Width;
        var sampling = shrink ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear) : new SKSamplingOptions(SKFilterMode.Nearest);
        var chosen = Choose(set, perClass, options.Seed);
        int[] counts = set.CountPerClass();
        for (int c = 0; c < classes; c++)
        {
            int x0 = pad + ((c % columns) * (blockW + (3 * gap)));
            int y0 = pad + titleH + ((c / columns) * (blockH + (2 * gap)));
            canvas.Save();
            canvas.ClipRect(SKRect.Create(x0, y0, Math.Max(blockW, 1), labelH));
            canvas.DrawText($"{set.ClassNames[c]}  ({counts[c]})", x0, y0 + (options.LabelSize * 1.05f), SKTextAlign.Left, font, text);
            canvas.Restore();
            for (int k = 0; k < perClass; k++)
            {
                var cell = SKRect.Create(x0 + (k * (cellW + gap)), y0 + labelH, cellW, cellH);
                if (k < chosen[c].Count)
                {
                    using var sample = PngImage.ToBitmap(set.ImageAt(chosen[c][k]), options.DarkInk && set.Channels == 1);
                    using var image = SKImage.FromBitmap(sample);
                    canvas.DrawImage(image, cell, sampling, null);
                }
                else
                {
                    canvas.DrawRect(cell, empty);
                }

                canvas.DrawRect(SKRect.Inflate(cell, 0.5f, 0.5f), frame);
            }
        }

        canvas.Flush();
        return bitmap;
    }

    /// <summary>The montage's size in pixels for these arguments (what <see cref="Render"/> produces), without drawing.</summary>
    public static (int Width, int Height) Measure(ImageSet set, int perClass = 8, int columns = 1, MontageOptions? options = null)
    {
        var g = Layout.Of(set, perClass, columns, options ?? new MontageOptions());
        return (g.Width, g.Height);
    }

    /// <summary>Pixel geometry: cells, blocks (label + strip of cells), margins.</summary>
    private readonly record struct Layout(int Width, int Height, int Gap, int Pad, int LabelHeight, int TitleHeight, int CellWidth, int CellHeight, int BlockWidth, int BlockHeight)
    {
        public static Layout Of(ImageSet set, int perClass, int columns, MontageOptions options)
        {
            ArgumentNullException.ThrowIfNull(set);
            ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
            ArgumentOutOfRangeException.ThrowIfNegative(options.CellSize);
            ArgumentOutOfRangeException.ThrowIfNegative(options.Gap);
            ArgumentOutOfRangeException.ThrowIfLessThan(options.LabelSize, 4f);
            int longer = Math.Max(set.Height, set.Width);
            double scale = options.CellSize > 0 ? (double)options.CellSize / longer
                : longer < 64 ? Math.Ceiling(64.0 / longer)
                : longer > 128 ? 128.0 / longer
                : 1.0;
            int cellH = Math.Max(1, (int)Math.Round(set.Height * scale)), cellW = Math.Max(1, (int)Math.Round(set.Width * scale));
            int gap = options.Gap, pad = Math.Max(gap, 6);
            int labelH = (int)Math.Ceiling(options.LabelSize * 1.4f);
            int titleH = options.Title is null ? 0 : (int)Math.Ceiling(options.LabelSize * 2f);
            int classes = set.ClassNames.Count;
            int blockRows = Math.Max(1, (classes + columns - 1) / columns);
            int blockCols = Math.Min(columns, Math.Max(1, classes));
            int blockW = (perClass * cellW) + ((perClass - 1) * gap);
            int blockH = labelH + cellH;
            long width = (2 * pad) + ((long)blockCols * blockW) + ((blockCols - 1) * 3L * gap);
            long height = (2 * pad) + titleH + ((long)blockRows * blockH) + ((blockRows - 1) * 2L * gap);
            if (width * height > 200_000_000)
            {
                throw new ArgumentException($"The montage would be {width}×{height} pixels; lower perClass or CellSize, or raise columns.", nameof(perClass));
            }

            return new((int)width, (int)height, gap, pad, labelH, titleH, cellW, cellH, blockW, blockH);
        }
    }

    private static List<int>[] Choose(ImageSet set, int perClass, long? seed)
    {
        var byClass = new List<int>[set.ClassNames.Count];
        for (int c = 0; c < byClass.Length; c++)
        {
            byClass[c] = [];
        }

        for (int i = 0; i < set.Count; i++)
        {
            byClass[set.Labels[i]].Add(i);
        }

        if (seed is { } s)
        {
            var random = new SeededRandom(s);
            foreach (var members in byClass)
            {
                int[] shuffled = [.. members];
                random.Shuffle<int>(shuffled);
                members.Clear();
                members.AddRange(shuffled);
            }
        }

        for (int c = 0; c < byClass.Length; c++)
        {
            if (byClass[c].Count > perClass)
            {
                byClass[c].RemoveRange(perClass, byClass[c].Count - perClass);
            }
        }

        return byClass;
    }
}
