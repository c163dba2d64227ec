using Scrawl.Imaging;
using Scrawl.Numerics;
using SkiaSharp;

namespace Scrawl.Media;

/// <summary>What an annotation box marks, which decides its colour and whether its label is drawn.</summary>
public enum AnnotationKind
{
    /// <summary>A text line: a thin blue box.</summary>
    Line,

    /// <summary>A confident character: a green box with its label above it.</summary>
    Character,

    /// <summary>A doubtful character: an orange box with its label above it.</summary>
    DoubtfulCharacter,
}

/// <summary>One box to draw, in the image's pixels (half-open: rows Top..Bottom−1, columns Left..Right−1), with an optional label.</summary>
/// <param name="Top">First row.</param>
/// <param name="Left">First column.</param>
/// <param name="Bottom">One past the last row (&gt; Top).</param>
/// <param name="Right">One past the last column (&gt; Left).</param>
/// <param name="Kind">What it marks.</param>
/// <param name="Label">Text drawn above the box (characters only), or null.</param>
public sealed record AnnotationBox(int Top, int Left, int Bottom, int Right, AnnotationKind Kind, string? Label = null);

/// <summary>Draws boxes and labels over a photo (e.g. OCR results) and encodes the result as PNG, text in the shipped DejaVu Sans.</summary>
public static class Annotation
{
    /// <summary>PNG bytes of <paramref name="photo"/> (grey or RGB, the file's own intensities in [0, 1]) with <paramref name="boxes"/> drawn over it.</summary>
    public static byte[] Render(FloatImage photo, IReadOnlyList<AnnotationBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(boxes);
        using var bitmap = ToColourBitmap(photo);
        using (var canvas = new SKCanvas(bitmap))
        {
            float stroke = Math.Max(1f, Math.Max(photo.Height, photo.Width) / 800f);
            using var typeface = Montage.LoadTypeface(Montage.DefaultFontPath());
            using var pen = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeWidth = stroke };
            using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
            foreach (var box in boxes.OrderBy(b => b.Kind == AnnotationKind.Line ? 0 : 1))
            {
                pen.Color = Colour(box.Kind);
                canvas.DrawRect(SKRect.Create(box.Left, box.Top, box.Right - box.Left, box.Bottom - box.Top), pen);
                if (box.Label is { Length: > 0 } label && box.Kind != AnnotationKind.Line)
                {
                    float size = Math.Max(10f, 0.45f * (box.Bottom - box.Top));
                    using var font = new SKFont(typeface, size);
                    float width = font.MeasureText(label);
                    // Above the box, or inside its top when there is no room above (first line of a page).
                    float top = Math.Max(0f, box.Top - size - (2 * stroke));
                    var background = SKRect.Create(box.Left, top, width + (2 * stroke), size + (2 * stroke));
                    fill.Color = Colour(box.Kind);
                    canvas.DrawRect(background, fill);
                    fill.Color = SKColors.White;
                    canvas.DrawText(label, box.Left + stroke, top + size - (0.15f * size), SKTextAlign.Left, font, fill);
                }
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        return data.ToArray();
    }

    /// <summary>Writes <see cref="Render"/> to <paramref name="path"/> atomically (temporary file + rename).</summary>
    public static void Save(FloatImage photo, IReadOnlyList<AnnotationBox> boxes, string path) => AtomicFile.WriteAllBytes(path, Render(photo, boxes));

    private static SKColor Colour(AnnotationKind kind) => kind switch
    {
        AnnotationKind.Line => new SKColor(30, 90, 230),
        AnnotationKind.Character => new SKColor(0, 150, 60),
        _ => new SKColor(235, 120, 0),
    };

    private static SKBitmap ToColourBitmap(FloatImage photo)
    {
        var rgb = photo.Channels == 3 ? photo : photo.Channels == 1 ? Grey3(photo)
            : throw new ArgumentException($"Annotation needs a grey or RGB image, got {photo.Channels} channels.", nameof(photo));
        return PngImage.ToBitmap(rgb);
    }

    private static FloatImage Grey3(FloatImage grey)
    {
        var rgb = new FloatImage(grey.Height, grey.Width, 3);
        for (int i = 0; i < grey.Pixels.Length; i++)
        {
            rgb.Pixels[3 * i] = rgb.Pixels[(3 * i) + 1] = rgb.Pixels[(3 * i) + 2] = grey.Pixels[i];
        }

        return rgb;
    }
}
