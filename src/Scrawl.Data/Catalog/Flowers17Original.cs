using System.Globalization;
using Scrawl.Data.Formats;

namespace Scrawl.Data.Catalog;

/// <summary>
/// Turns the original Oxford download (17flowers.tgz: jpg/image_0001.jpg … image_1360.jpg, 80 per
/// class in order; datasplits.mat: trn/val/tst image numbers) into the {train,val,test}/CLASS/ layout
/// that <see cref="Images.Flowers17"/> loads, using the official split 2 (as the shared copy does).
/// </summary>
internal static class Flowers17Original
{
    private const int SplitNumber = 2;

    public static void Unpack(string folder)
    {
        string tgz = Path.Combine(folder, "17flowers.tgz");
        ZipUnpack.ExtractTarGz(tgz, folder);
        var splits = MatFile.Read(Path.Combine(folder, "datasplits.mat"));
        foreach (var (variable, split) in new[] { ("trn", "train"), ("val", "val"), ("tst", "test") })
        {
            var numbers = splits.Get(variable + SplitNumber.ToString(CultureInfo.InvariantCulture)).Data;
            foreach (double value in numbers)
            {
                int n = (int)value;
                string source = Path.Combine(folder, "jpg", $"image_{n:0000}.jpg");
                if (!File.Exists(source))
                {
                    throw new InvalidDataException($"{tgz}: image_{n:0000}.jpg listed in datasplits.mat is missing.");
                }

                string classFolder = Path.Combine(folder, split, ((n - 1) / 80).ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(classFolder);
                File.Copy(source, Path.Combine(classFolder, Path.GetFileName(source)), overwrite: true);
            }
        }
    }
}
