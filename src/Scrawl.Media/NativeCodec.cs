using System.Runtime.InteropServices;
using SkiaSharp;

namespace Scrawl.Media;

/// <summary>
/// An image codec of libSkiaSharp called through its C API directly. SkiaSharp's managed classes build the default font manager
/// on first use (the static constructor of every Skia object), and that scans every font under /usr/share/fonts — about 0.1 s
/// with 250 font files, seconds on a desktop with thousands — so the OCR's decoding, which needs no fonts, goes through here.
/// The C API is that of the SkiaSharp package the project pins; tests check the results against SkiaSharp's own classes.
/// </summary>
internal sealed unsafe partial class NativeCodec : IDisposable
{
    private const string Library = "libSkiaSharp";

    private nint data;
    private nint codec;

    private NativeCodec(nint data, nint codec)
    {
        this.data = data;
        this.codec = codec;
        ImageInfo info;
        sk_codec_get_info(codec, &info);
        Width = info.Width;
        Height = info.Height;
        Origin = (SKEncodedOrigin)sk_codec_get_origin(codec);
        Format = (SKEncodedImageFormat)sk_codec_get_encoded_format(codec);
    }

    /// <summary>The encoded frame's width in pixels (before EXIF orientation).</summary>
    public int Width { get; }

    /// <summary>The encoded frame's height in pixels (before EXIF orientation).</summary>
    public int Height { get; }

    /// <summary>The EXIF orientation (TopLeft when the file has none).</summary>
    public SKEncodedOrigin Origin { get; }

    /// <summary>The file's format.</summary>
    public SKEncodedImageFormat Format { get; }

    /// <summary>True when EXIF orientation swaps width and height.</summary>
    public bool SwapsAxes => Origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>A codec for the encoded bytes, or null when Skia recognises no format in them.</summary>
    public static NativeCodec? Open(ReadOnlySpan<byte> encoded)
    {
        nint data;
        fixed (byte* bytes = encoded)
        {
            data = sk_data_new_with_copy(bytes, encoded.Length);
        }

        nint codec = sk_codec_new_from_data(data);
        if (codec == 0)
        {
            sk_data_unref(data);
            return null;
        }

        return new NativeCodec(data, codec);
    }

    /// <summary>The frame size the codec decodes to at <paramref name="scale"/> (JPEG: the nearest k/8 scale; other formats: the full size).</summary>
    public (int Width, int Height) ScaledDimensions(float scale)
    {
        ObjectDisposedException.ThrowIf(codec == 0, this);
        SizeI size;
        sk_codec_get_scaled_dimensions(codec, scale, &size);
        return (size.Width, size.Height);
    }

    /// <summary>
    /// Decodes the frame at <paramref name="width"/>×<paramref name="height"/> (one of <see cref="ScaledDimensions"/>) into <paramref name="pixels"/>
    /// (tightly packed rows) as 8-bit grey or premultiplied RGBA; SKCodecResult.InvalidConversion when the format cannot give that colour type.
    /// </summary>
    public SKCodecResult Decode(int width, int height, bool grey, Span<byte> pixels)
    {
        ObjectDisposedException.ThrowIf(codec == 0, this);
        int channels = grey ? 1 : 4;
        if (pixels.Length < (long)width * height * channels)
        {
            throw new ArgumentException($"{pixels.Length} bytes cannot hold a {width}×{height} frame of {channels} channel(s).", nameof(pixels));
        }

        var info = new ImageInfo(width, height, grey ? Gray8 : Rgba8888, grey ? Opaque : Premul);
        var options = new CodecOptions { ZeroInitialized = 1, PriorFrame = -1 };
        fixed (byte* destination = pixels)
        {
            return (SKCodecResult)sk_codec_get_pixels(codec, &info, destination, width * channels, &options);
        }
    }

    /// <summary>Resamples an 8-bit grey frame to another size with Skia's linear filter and linear mipmaps (as SKBitmap.ScalePixels does).</summary>
    public static void ScaleGrey(ReadOnlySpan<byte> source, int sourceWidth, int sourceHeight, Span<byte> destination, int width, int height)
    {
        if (source.Length < (long)sourceWidth * sourceHeight || destination.Length < (long)width * height)
        {
            throw new ArgumentException("A grey frame is shorter than its size.");
        }

        var sourceInfo = new ImageInfo(sourceWidth, sourceHeight, Gray8, Opaque);
        var targetInfo = new ImageInfo(width, height, Gray8, Opaque);
        var sampling = new Sampling { Filter = 1, Mipmap = 2 };
        fixed (byte* from = source)
        fixed (byte* to = destination)
        {
            nint sourceMap = sk_pixmap_new_with_params(&sourceInfo, from, sourceWidth);
            nint targetMap = sk_pixmap_new_with_params(&targetInfo, to, width);
            try
            {
                if (!sk_pixmap_scale_pixels(sourceMap, targetMap, &sampling))
                {
                    throw new InvalidOperationException($"Skia could not resample a {sourceWidth}×{sourceHeight} grey frame to {width}×{height}.");
                }
            }
            finally
            {
                sk_pixmap_destructor(sourceMap);
                sk_pixmap_destructor(targetMap);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (codec != 0)
        {
            sk_codec_destroy(codec);
            sk_data_unref(data);
            codec = 0;
            data = 0;
        }
    }

    // sk_colortype_t, sk_alphatype_t values of the C API.
    private const int Rgba8888 = 4;
    private const int Gray8 = 13;
    private const int Opaque = 1;
    private const int Premul = 2;

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct ImageInfo(int width, int height, int colorType, int alphaType)
    {
        public readonly nint ColorSpace;
        public readonly int Width = width;
        public readonly int Height = height;
        public readonly int ColorType = colorType;
        public readonly int AlphaType = alphaType;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SizeI
    {
        public int Width;
        public int Height;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CodecOptions
    {
        public int ZeroInitialized; // 0 yes, 1 no
        public nint Subset;
        public int FrameIndex;
        public int PriorFrame;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Sampling
    {
        public int MaxAniso;
        public byte UseCubic;
        public float CubicB;
        public float CubicC;
        public int Filter; // 0 nearest, 1 linear
        public int Mipmap; // 0 none, 1 nearest, 2 linear
    }

    [LibraryImport(Library)]
    private static partial nint sk_data_new_with_copy(void* source, nint length);

    [LibraryImport(Library)]
    private static partial void sk_data_unref(nint data);

    [LibraryImport(Library)]
    private static partial nint sk_codec_new_from_data(nint data);

    [LibraryImport(Library)]
    private static partial void sk_codec_destroy(nint codec);

    [LibraryImport(Library)]
    private static partial void sk_codec_get_info(nint codec, ImageInfo* info);

    [LibraryImport(Library)]
    private static partial int sk_codec_get_origin(nint codec);

    [LibraryImport(Library)]
    private static partial int sk_codec_get_encoded_format(nint codec);

    [LibraryImport(Library)]
    private static partial void sk_codec_get_scaled_dimensions(nint codec, float scale, SizeI* size);

    [LibraryImport(Library)]
    private static partial int sk_codec_get_pixels(nint codec, ImageInfo* info, void* pixels, nint rowBytes, CodecOptions* options);

    [LibraryImport(Library)]
    private static partial nint sk_pixmap_new_with_params(ImageInfo* info, void* pixels, nint rowBytes);

    [LibraryImport(Library)]
    private static partial void sk_pixmap_destructor(nint pixmap);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool sk_pixmap_scale_pixels(nint source, nint destination, Sampling* sampling);
}
