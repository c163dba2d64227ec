using Scrawl.Media;
using Scrawl.Numerics;
using SkiaSharp;

namespace Scrawl.Reporting;

/// <summary>
/// First-layer weights as pictures: each hidden unit's incoming weights (one column of a Dense
/// weight matrix [inputs × units]) shown as an image of the input's size, normalised per tile
/// (the unit's smallest weight black, its largest white), tiles laid out in a grid under a title.
/// </summary>
public static class WeightGrid
{
    /// <summary>
    /// PNG of the grid. <paramref name="weights"/> is [imageHeight·imageWidth × units]; tiles are laid out
    /// <paramref name="columns"/> (≥ 1) to a row and drawn <paramref name="zoom"/> (1–32) pixels per weight.
    /// </summary>
    public static byte[] Render(Tensor weights, int imageHeight, int imageWidth, string title, int columns = 8, int zoom = 3)
    {
        using var bitmap = RenderBitmap(weights, imageHeight, imageWidth, title, columns, zoom);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the weight grid PNG.");
        return data.ToArray();
    }

    /// <summary>The grid's size in pixels for these arguments (what <see cref="Render"/> produces).</summary>
    public static (int Width, int Height) Measure(int units, int imageHeight, int imageWidth, int columns = 8, int zoom = 3)
    {
        var g = Layout.Of(units, imageHeight, imageWidth, columns, zoom);
        return (g.Width, g.Height);
    }

    /// <summary>Tile <paramref name="unit"/>'s pixels in [0, 1]: the column rescaled so its min is 0 and max 1 (all 0.5 when constant).</summary>
    public static float[] Tile(Tensor weights, int unit)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Rank != 2)
        {
            throw new ArgumentException($"Weights must be [inputs × units], got [{weights.ShapeText}].", nameof(weights));
        }

        int inputs = weights.Dim(0), units = weights.Dim(1);
        ArgumentOutOfRangeException.ThrowIfNegative(unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, units);
        var span = weights.Span;
        var tile = new float[inputs];
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int i = 0; i < inputs; i++)
        {
            tile[i] = span[(i * units) + unit];
            min = Math.Min(min, tile[i]);
            max = Math.Max(max, tile[i]);
        }

        float range = max - min;
        for (int i = 0; i < inputs; i++)
        {
            tile[i] = range > 0 && float.IsFinite(range) ? (tile[i] - min) / range : 0.5f;
        }

        return tile;
    }

    private static SKBitmap RenderBitmap(Tensor weights, int imageHeight, int imageWidth, string title, int columns, int zoom)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(title);
        if (weights.Rank != 2 || weights.Dim(0) != imageHeight * imageWidth)
        {
            throw new ArgumentException($"Weights must be [{imageHeight}·{imageWidth} × units], got [{weights.ShapeText}].", nameof(weights));
        }

        int units = weights.Dim(1);
        var g = Layout.Of(units, imageHeight, imageWidth, columns, zoom);
        var bitmap = new SKBitmap(new SKImageInfo(g.Width, g.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var typeface = Montage.LoadTypeface(Montage.DefaultFontPath());
        using var font = new SKFont(typeface, Layout.TitleSize);
        using var ink = new SKPaint { Color = new SKColor(20, 20, 20), IsAntialias = true };
        canvas.DrawText(title, g.Width / 2f, Layout.Pad + Layout.TitleSize, SKTextAlign.Center, font, ink);
        using var frame = new SKPaint { Color = new SKColor(160, 160, 160), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        var nearest = new SKSamplingOptions(SKFilterMode.Nearest);
        for (int u = 0; u < units; u++)
        {
            using var tile = new SKBitmap(new SKImageInfo(imageWidth, imageHeight, SKColorType.Gray8, SKAlphaType.Opaque));
            var pixels = tile.GetPixelSpan();
            float[] values = Tile(weights, u);
            for (int y = 0; y < imageHeight; y++)
            {
                for (int x = 0; x < imageWidth; x++)
                {
                    pixels[(y * tile.RowBytes) + x] = (byte)Math.Round(values[(y * imageWidth) + x] * 255f);
                }
            }

            using var image = SKImage.FromBitmap(tile);
            var cell = SKRect.Create(Layout.Pad + ((u % g.Columns) * (g.TileWidth + Layout.Gap)),
                Layout.Pad + Layout.TitleHeight + ((u / g.Columns) * (g.TileHeight + Layout.Gap)), g.TileWidth, g.TileHeight);
            canvas.DrawImage(image, cell, nearest, null);
            canvas.DrawRect(SKRect.Inflate(cell, 0.5f, 0.5f), frame);
        }

        canvas.Flush();
        return bitmap;
    }

    private readonly record struct Layout(int Width, int Height, int Columns, int TileWidth, int TileHeight)
    {
        public const int Pad = 12, Gap = 4, TitleSize = 18, TitleHeight = 34;

        public static Layout Of(int units, int imageHeight, int imageWidth, int columns, int zoom)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(zoom, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(zoom, 32);
            int cols = Math.Min(columns, units), rows = (units + cols - 1) / cols;
            int tileW = imageWidth * zoom, tileH = imageHeight * zoom;
            long width = (2L * Pad) + (cols * (long)tileW) + ((cols - 1) * (long)Gap);
            long height = (2L * Pad) + TitleHeight + (rows * (long)tileH) + ((rows - 1) * (long)Gap);
            if (width > Figure.MaxSide || height > Figure.MaxSide)
            {
                throw new ArgumentException($"The weight grid would be {width}×{height} pixels; lower zoom or change columns.", nameof(units));
            }

            return new((int)Math.Max(width, 200), (int)height, cols, tileW, tileH);
        }
    }
}
