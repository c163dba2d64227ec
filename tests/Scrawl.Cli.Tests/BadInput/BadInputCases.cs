using static Scrawl.Cli.Tests.BadInput.HostileFiles;

namespace Scrawl.Cli.Tests.BadInput;

/// <summary>
/// One hostile input: <see cref="Make"/> writes it under a fresh folder and returns the command line and the
/// file the error must name; <see cref="Codes"/> are the acceptable exit codes (2 = bad input; a bit flip in
/// pixel data may legitimately still load, so random flips allow 0 too), <see cref="Problem"/> a phrase the
/// one-line message must contain (null: any).
/// </summary>
public sealed record BadInputCase(string Name, Func<BadInputSeeds, string, (string[] Args, string Named)> Make, int[] Codes, string? Problem = null)
{
    public override string ToString() => Name;
}

/// <summary>The table of hostile inputs and their expected outcomes.</summary>
internal static class BadInputCases
{
    private static readonly int[] Bad = [ExitCodes.BadInput];
    private static readonly int[] OkOrBad = [ExitCodes.Ok, ExitCodes.BadInput];

    public static IReadOnlyDictionary<string, BadInputCase> All { get; } = Build().ToDictionary(c => c.Name);

    private static IEnumerable<BadInputCase> Build()
    {
        // Scrawl dataset files (.npz: zip of .npy + meta.json) through `data info`.
        foreach (var c in Family("dataset", s => s.Dataset, "data.npz", p => ["data", "info", p], 30))
        {
            yield return c;
        }

        // MAT v5 (NIST36 layout) through `data info`.
        foreach (var c in Family("mat", s => s.Mat, "nist36_x.mat", p => ["data", "info", p], 130))
        {
            yield return c;
        }

        // Model files through `evaluate`.
        foreach (var c in Family("model", s => s.Model, "model.scrawl", p => ["evaluate", p, "--data", "glyphs36"], 0))
        {
            yield return c.Name.EndsWith("valid-seed", StringComparison.Ordinal) ? c : c with { Codes = Bad }; // a CRC-32 covers every byte: no flip may load
        }

        // Checkpoints through `train --resume`.
        foreach (var c in Family("checkpoint", s => s.Checkpoint, "checkpoint.ckpt", p => Resume(p).Args, 0))
        {
            yield return c;
        }

        // IDX folders (images + labels) through `data info`.
        foreach (var c in Family("idx", s => s.IdxImages, "train-images-idx3-ubyte", p => ["data", "info", IdxFolder(p)], 16))
        {
            yield return c;
        }

        foreach (var c in Family("idx-gz", s => s.IdxImagesGz, "train-images-idx3-ubyte.gz", p => ["data", "info", IdxFolder(p)], 0))
        {
            yield return c;
        }

        yield return new("idx-absurd-size-1e12", (s, d) => IdxPair(d, Idx([1_000_000, 1000, 1000], 16), s.IdxLabels), Bad, "claim");
        yield return new("idx-dims-overflow-to-zero", (s, d) => IdxPair(d, Idx([1 << 20, 1 << 20, 1 << 24], 0), s.IdxLabels), Bad, "more than this reader supports");
        yield return new("idx-label-count-mismatch", (s, d) => IdxPair(d, s.IdxImages, Idx([2], 2)), Bad);
        yield return new("npy-absurd-size-1e12", (s, d) => NpyFolder(d, Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }", new byte[64]), NpyLabels([0, 1])), Bad);
        yield return new("npy-label-count-mismatch", (s, d) => NpyFolder(d, NpyFloats(new float[4 * 16], 4, 16), NpyLabels([0, 1, 0])), Bad, "label");
        yield return new("npy-nan-pixels", (s, d) => NpyFolder(d, NpyFloats(Values(float.NaN), 4, 16), NpyLabels([0, 1, 0, 1])), Bad, "NaN");
        yield return new("npy-inf-pixels", (s, d) => NpyFolder(d, NpyFloats(Values(float.PositiveInfinity), 4, 16), NpyLabels([0, 1, 0, 1])), Bad, "finite");
        yield return new("npy-truncated-payload", (s, d) => NpyFolder(d, Truncate(NpyFloats(new float[4 * 16], 4, 16), 200), NpyLabels([0, 1, 0, 1])), Bad, "truncated");

        // Images at the decoder edge, in an image folder (CLASS/*.png) through `data info`.
        yield return new("image-text-file-named-png", (s, d) => Image(d, "notes.png", "this is not a picture\n"u8.ToArray()), Bad, "not a decodable image");
        yield return new("image-empty-file", (s, d) => Image(d, "empty.png", []), Bad);
        yield return new("image-zero-size", (s, d) => Image(d, "zero.png", PngHeaderOnly(0, 0)), Bad);
        yield return new("image-header-claims-1e10-pixels", (s, d) => Image(d, "vast.png", PngHeaderOnly(100_000, 100_000)), Bad);
        yield return new("image-truncated-png", (s, d) => Image(d, "cut.png", Truncate(Png(d, 40, 30), 60)), Bad);
        yield return new("image-one-pixel", (s, d) => Image(d, "dot.png", Png(d, 1, 1)), [ExitCodes.Ok]);

        // Paths.
        yield return new("path-missing", (s, d) => (["data", "info", Path.Combine(d, "nowhere.npz")], "nowhere.npz"), Bad);
        yield return new("path-below-a-file", (s, d) => (["evaluate", Path.Combine(s.DatasetPath, "model.scrawl")], "model.scrawl"), Bad);
        yield return new("model-is-a-directory", (s, d) => (["evaluate", Directory.CreateDirectory(Path.Combine(d, "model.scrawl")).FullName], "model.scrawl"), Bad);
        yield return new("checkpoint-is-a-directory", (s, d) => Resume(Directory.CreateDirectory(Path.Combine(d, "checkpoint.ckpt")).FullName), Bad);
    }

    /// <summary>Empty, truncated at several points, wrong magic, and eight seeded single-bit flips of one seed file.</summary>
    private static IEnumerable<BadInputCase> Family(string family, Func<BadInputSeeds, byte[]> seed, string fileName, Func<string, string[]> command, int headerBytes)
    {
        (string[] Args, string Named) Write(string dir, byte[] bytes)
        {
            string path = Path.Combine(dir, fileName);
            File.WriteAllBytes(path, bytes);
            return (command(path), fileName);
        }

        yield return new($"{family}-valid-seed", (s, d) => Write(d, seed(s)), [ExitCodes.Ok]);
        yield return new($"{family}-empty", (s, d) => Write(d, []), Bad);
        foreach (double at in new[] { 0.01, 0.25, 0.5, 0.9 })
        {
            yield return new($"{family}-truncated-{at:P0}", (s, d) => Write(d, Truncate(seed(s), Math.Max(1, (int)(seed(s).Length * at)))), Bad);
        }

        yield return new($"{family}-truncated-last-byte", (s, d) => Write(d, Truncate(seed(s), seed(s).Length - 1)), Bad);
        yield return new($"{family}-wrong-magic", (s, d) => Write(d, Flip(seed(s), family.StartsWith("mat", StringComparison.Ordinal) ? 126 : 0, 3)), Bad);
        for (int k = 0; k < 8; k++)
        {
            int n = k;
            yield return new($"{family}-bitflip-{n}", (s, d) =>
            {
                var bytes = seed(s);
                var (index, bit) = FlipPositions(bytes.Length - headerBytes, 8, family.Length * 31)
                    .ElementAt(n);
                return Write(d, Flip(bytes, headerBytes + index, bit));
            }, OkOrBad);
        }
    }

    private static float[] Values(float poison)
    {
        var v = new float[4 * 16];
        v[37] = poison;
        return v;
    }

    private static (string[] Args, string Named) Resume(string checkpoint)
    {
        string run = Path.GetDirectoryName(checkpoint)!;
        return (["train", "--data", Path.GetFullPath(Path.Combine(run, "..", "seed.npz")), "--hidden", "4", "--epochs", "2", "--out", run, "--resume"], "checkpoint.ckpt");
    }

    private static string IdxFolder(string images)
    {
        string dir = Path.GetDirectoryName(images)!;
        File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 5, 0, 1, 2, 3, 4]);
        return dir;
    }

    private static (string[], string) IdxPair(string dir, byte[] images, byte[] labels)
    {
        File.WriteAllBytes(Path.Combine(dir, "train-images-idx3-ubyte"), images);
        File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte"), labels);
        return (["data", "info", dir], "idx");
    }

    private static (string[], string) NpyFolder(string dir, byte[] x, byte[] y)
    {
        File.WriteAllBytes(Path.Combine(dir, "train_x.npy"), x);
        File.WriteAllBytes(Path.Combine(dir, "train_y.npy"), y);
        return (["data", "info", dir], "train_");
    }

    private static (string[], string) Image(string dir, string name, byte[] bytes)
    {
        string folder = Directory.CreateDirectory(Path.Combine(dir, "images", "a")).FullName;
        File.WriteAllBytes(Path.Combine(folder, name), bytes);
        return (["data", "info", Path.Combine(dir, "images")], name);
    }

    private static byte[] Png(string dir, int width, int height)
    {
        string path = Path.Combine(dir, "tmp.png");
        WritePng(path, width, height, (x, y) => (byte)((x + y) * 40));
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }
}
