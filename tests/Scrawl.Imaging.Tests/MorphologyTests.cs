namespace Scrawl.Imaging.Tests;

public class MorphologyTests
{
    public static TheoryData<string> FootprintNames => ["sq3", "sq4", "disk1", "disk3"];

    private static Footprint ByName(string name) => name switch
    {
        "sq3" => Footprint.Square(3),
        "sq4" => Footprint.Square(4),
        "disk1" => Footprint.Disk(1),
        "disk3" => Footprint.Disk(3),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    [Theory]
    [MemberData(nameof(FootprintNames))]
    public void Erode_dilate_open_close_match_skimage_exactly(string name)
    {
        var blobs = Goldens.Binary("blobs.npy");
        var before = blobs.Pixels.ToArray();
        var footprint = ByName(name);
        Goldens.Equal(Goldens.Binary($"erode_{name}.npy"), Morphology.Erode(blobs, footprint));
        Goldens.Equal(Goldens.Binary($"dilate_{name}.npy"), Morphology.Dilate(blobs, footprint));
        Goldens.Equal(Goldens.Binary($"open_{name}.npy"), Morphology.Open(blobs, footprint));
        Goldens.Equal(Goldens.Binary($"close_{name}.npy"), Morphology.Close(blobs, footprint));
        Assert.Equal(before, blobs.Pixels.ToArray());
    }

    [Fact]
    public void Disk_has_skimages_shape()
    {
        var expected = Goldens.Binary("disk3.npy");
        var disk = Footprint.Disk(3);
        Assert.Equal((7, 7), (disk.Height, disk.Width));
        for (int y = 0; y < 7; y++)
        {
            for (int x = 0; x < 7; x++)
            {
                Assert.Equal(expected[y, x], disk[y, x]);
            }
        }

        Assert.False(disk.IsRectangle);
        Assert.True(Footprint.Square(5).IsRectangle);
    }

    [Fact]
    public void Run_path_agrees_with_separable_path_for_a_rectangle()
    {
        // A rectangle given cell by cell with one cell cleared takes the run path; compare it with
        // the same footprint intersected by hand to make sure both paths implement one definition.
        var blobs = Goldens.Binary("blobs.npy");
        var cells = Enumerable.Repeat(true, 15).ToArray();
        var full = new Footprint(3, 5, cells);
        cells[0] = false;
        var notched = new Footprint(3, 5, cells);
        var eroded = Morphology.Erode(blobs, full).Pixels.ToArray();
        var erodedNotched = Morphology.Erode(blobs, notched).Pixels.ToArray();
        Assert.True(eroded.Zip(erodedNotched).All(p => p.First <= p.Second)); // a smaller footprint erodes less
        Assert.Equal(eroded, Morphology.Erode(blobs, Footprint.Rectangle(3, 5)).Pixels.ToArray());
    }

    [Fact]
    public void Every_rectangle_up_to_14_pixels_matches_the_definition_on_random_masks()
    {
        // Small rectangles take the shifted-OR/AND path, larger ones the counting path: both must agree with the definition,
        // including even sizes (dilation mirrors the footprint) and masks narrower than the footprint.
        var random = new Random(5);
        foreach (var (mh, mw) in new[] { (23, 37), (4, 3), (1, 9) })
        {
            var pixels = new byte[mh * mw];
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = random.NextDouble() < 0.4 ? (byte)1 : (byte)0;
            }

            var mask = new BinaryImage(mh, mw, pixels);
            for (int fh = 1; fh <= 14; fh += random.Next(1, 3))
            {
                for (int fw = 1; fw <= 14; fw += random.Next(1, 3))
                {
                    var footprint = Footprint.Rectangle(fh, fw);
                    Assert.Equal(Naive(mask, fh, fw, dilate: false), Morphology.Erode(mask, footprint).Pixels.ToArray());
                    Assert.Equal(Naive(mask, fh, fw, dilate: true), Morphology.Dilate(mask, footprint).Pixels.ToArray());
                }
            }
        }
    }

    /// <summary>Erosion: all cells (y + i − fh/2, x + j − fw/2) set, outside counts as set; dilation: any cell (y − (i − fh/2), x − (j − fw/2)) set, outside unset.</summary>
    private static byte[] Naive(BinaryImage mask, int fh, int fw, bool dilate)
    {
        int h = mask.Height, w = mask.Width;
        var output = new byte[h * w];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                bool any = false, all = true;
                for (int i = 0; i < fh; i++)
                {
                    for (int j = 0; j < fw; j++)
                    {
                        int sign = dilate ? -1 : 1;
                        int sy = y + (sign * (i - (fh / 2))), sx = x + (sign * (j - (fw / 2)));
                        bool inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                        bool set = inside && mask[sy, sx];
                        any |= set;
                        all &= !inside || set;
                    }
                }

                output[(y * w) + x] = (byte)((dilate ? any : all) ? 1 : 0);
            }
        }

        return output;
    }

    [Fact]
    public void Footprint_validation()
    {
        Assert.Throws<ArgumentException>(() => new Footprint(1, 2, [false, false]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Footprint.Square(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Footprint.Disk(-1));
    }
}
