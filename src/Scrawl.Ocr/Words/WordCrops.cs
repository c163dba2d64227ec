using Scrawl.Imaging;

namespace Scrawl.Ocr.Words;

/// <summary>
/// A word's ink mask → the word reader's input: a <see cref="Height"/>×<see cref="Width"/> frame (ink = 1), the ink's tight box scaled to
/// <see cref="ContentHeight"/> rows with its aspect kept (squeezed across only when it would not fit), <see cref="Margin"/> pixels from the top
/// and left; strokes thinner than <see cref="StrokeWidth"/> output pixels are thickened first (a square dilation at the mask's own scale),
/// and the frame gets a light blur — the convention of the character crops (<see cref="CropPreparation"/>), for a row of characters. Pure.
/// </summary>
public static class WordCrops
{
    /// <summary>Frame height in pixels.</summary>
    public const int Height = 32;

    /// <summary>Frame width in pixels: room for about seven characters at their usual width.</summary>
    public const int Width = 192;

    /// <summary>Rows the ink's tight box is scaled to.</summary>
    public const int ContentHeight = 28;

    /// <summary>Empty pixels above and left of the ink (and at least this many right of it).</summary>
    public const int Margin = 2;

    /// <summary>The stroke width (output pixels) that thinner strokes are thickened to.</summary>
    public const double StrokeWidth = 2.2;

    /// <summary>Gaussian blur σ of the frame (output pixels).</summary>
    public const float Blur = 0.8f;

    /// <summary>The output pixels per mask column across (frame x = <see cref="Margin"/> + mask x · scale) of a tight <paramref name="height"/>×<paramref name="width"/> mask (both ≥ 1).</summary>
    public static double ScaleAcross(int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        double scale = (double)ContentHeight / height;
        return Math.Min(scale, (double)(Width - (2 * Margin)) / width);
    }

    /// <summary>The frame (Height × Width values, row-major) of <paramref name="mask"/>, written into <paramref name="destination"/>; a mask without ink gives an empty frame.</summary>
    public static void Prepare(BinaryImage mask, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (destination.Length != Height * Width)
        {
            throw new ArgumentException($"The destination must hold {Height}×{Width} values, got {destination.Length}.", nameof(destination));
        }

        destination.Clear();
        var tight = Tight(mask);
        if (tight is null)
        {
            return;
        }

        double down = (double)ContentHeight / tight.Height;
        int radius = DilationRadius(tight, down);
        var ink = tight;
        if (radius > 0)
        {
            var dilated = new byte[tight.Height * tight.Width];
            Morphology.Dilate(tight.Pixels, dilated, tight.Height, tight.Width, Footprint.Square((2 * radius) + 1));
            ink = new BinaryImage(tight.Height, tight.Width, dilated);
        }

        int w = Math.Clamp((int)Math.Round(tight.Width * ScaleAcross(tight.Height, tight.Width)), 1, Width - (2 * Margin));
        var source = new float[ink.Height * ink.Width];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = ink.Pixels[i];
        }

        var scaled = new float[ContentHeight * w];
        Resampler.Resize(source, scaled, ink.Height, ink.Width, ContentHeight, w);
        var frame = new float[Height * Width];
        for (int y = 0; y < ContentHeight; y++)
        {
            scaled.AsSpan(y * w, w).CopyTo(frame.AsSpan(((y + Margin) * Width) + Margin, w));
        }

        Filters.GaussianBlur(frame, destination, Height, Width, Blur);
    }

    /// <summary>The frame of <paramref name="mask"/> as a new image.</summary>
    public static FloatImage Prepare(BinaryImage mask)
    {
        var pixels = new float[Height * Width];
        Prepare(mask, pixels);
        return new FloatImage(pixels, Height, Width);
    }

    /// <summary>The ink's tight box in <paramref name="mask"/> (rows, columns), or null without ink.</summary>
    public static PixelBox? InkBox(BinaryImage mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int top = int.MaxValue, bottom = -1, left = int.MaxValue, right = -1;
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                if (mask[y, x])
                {
                    (top, bottom, left, right) = (Math.Min(top, y), Math.Max(bottom, y), Math.Min(left, x), Math.Max(right, x));
                }
            }
        }

        return bottom < 0 ? null : new PixelBox(top, left, bottom + 1, right + 1);
    }

    /// <summary><paramref name="mask"/> cropped to its ink's box, or null without ink.</summary>
    public static BinaryImage? Tight(BinaryImage mask)
    {
        if (InkBox(mask) is not { } box)
        {
            return null;
        }

        var pixels = new byte[box.Height * box.Width];
        for (int y = 0; y < box.Height; y++)
        {
            mask.Pixels.Slice(((y + box.Top) * mask.Width) + box.Left, box.Width).CopyTo(pixels.AsSpan(y * box.Width, box.Width));
        }

        return new BinaryImage(box.Height, box.Width, pixels);
    }

    private static int DilationRadius(BinaryImage mask, double scale)
    {
        double width = CropPreparation.StrokeWidth(mask);
        return width <= 0 ? 0 : Math.Max(0, (int)Math.Round(((StrokeWidth / scale) - width) / 2));
    }
}
