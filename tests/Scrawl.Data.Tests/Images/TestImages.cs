using System.Globalization;
using Scrawl.Data.Images;
using Scrawl.Imaging;

namespace Scrawl.Data.Tests.Images;

/// <summary>
/// A pure reference decoder for tests: files hold "H W C" on the first line, then H·W·C values in [0, 1].
/// Anything else is undecodable. Resizing follows ResizePlan + Resampler, as the contract asks.
/// </summary>
internal sealed class TextImageDecoder : IImageDecoder
{
    public int Calls;

    public FloatImage Decode(string path, DecodeRequest request)
    {
        Interlocked.Increment(ref Calls);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        var parts = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !int.TryParse(parts[0], out int h) || !int.TryParse(parts[1], out int w) || !int.TryParse(parts[2], out int c)
            || h < 1 || w < 1 || parts.Length != 3 + (h * w * c))
        {
            throw new InvalidDataException($"{path}: not a text image.");
        }

        var image = new FloatImage([.. parts.Skip(3).Select(v => float.Parse(v, CultureInfo.InvariantCulture))], h, w, c);
        if (request.Color == ColorMode.Grey)
        {
            image = image.ToGrey();
        }

        var plan = ResizePlan.For(h, w, request);
        return plan.Apply(Resampler.Resize(image, plan.ScaledHeight, plan.ScaledWidth), request.Fill);
    }
}

/// <summary>Helpers that build images and folders for the tests.</summary>
internal static class TestImages
{
    public static void Write(string path, FloatImage image)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = $"{image.Height} {image.Width} {image.Channels}\n" + string.Join(' ', image.Pixels.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        File.WriteAllText(path, text);
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("scrawl-images-").FullName;

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
