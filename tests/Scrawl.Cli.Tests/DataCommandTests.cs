using System.Security.Cryptography;

namespace Scrawl.Cli.Tests;

/// <summary>End-to-end runs of <c>scrawl data …</c>.</summary>
public class DataCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-data-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void List_shows_every_entry_and_where_the_shared_ones_are()
    {
        var (code, output, _) = Run("data", "list");
        Assert.Equal(0, code);
        Assert.Contains("glyphs36", output, StringComparison.Ordinal);
        Assert.Matches(@"mnist-10k\s+10\s.*shared[/\\]datasets[/\\]mnist-10k", output);
        Assert.Contains("scrawl data fetch mnist", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_prints_counts_per_split_and_class()
    {
        var (code, output, _) = Run("data", "info", "mnist-10k");
        Assert.Equal(0, code);
        Assert.Contains("images: 28×28×1", output, StringComparison.Ordinal);
        Assert.Matches(@"total\s+\d{4}\s+\d{3,4}\s+\d{3,4}", output);
    }

    [Fact]
    public void Synth_writes_the_same_file_for_the_same_seed()
    {
        string a = Path.Combine(_dir, "a.npz");
        string b = Path.Combine(_dir, "b.npz");
        string c = Path.Combine(_dir, "c.npz");
        Assert.Equal(0, Run("data", "synth", "--per-class", "20", "--seed", "4", "--out", a).Code);
        Assert.Equal(0, Run("data", "synth", "--per-class", "20", "--seed", "4", "--out", b).Code);
        Assert.Equal(0, Run("data", "synth", "--per-class", "20", "--seed", "5", "--out", c).Code);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(a)), SHA256.HashData(File.ReadAllBytes(b)));
        Assert.NotEqual(SHA256.HashData(File.ReadAllBytes(a)), SHA256.HashData(File.ReadAllBytes(c)));
        var (code, output, _) = Run("data", "info", a);
        Assert.Equal(0, code);
        Assert.Matches(@"total\s+576\s+72\s+72", output);
    }

    [Fact]
    public void Show_writes_a_png_montage()
    {
        string png = Path.Combine(_dir, "m.png");
        var (code, _, err) = Run("data", "show", "emnist-sample", "--per-class", "4", "--out", png);
        Assert.True(code == 0, err);
        byte[] head = File.ReadAllBytes(png)[..8];
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, head);
    }

    [Fact]
    public void Unknown_data_and_bad_options_fail_clearly()
    {
        var (code, _, err) = Run("data", "info", "no-such-data");
        Assert.Equal(2, code);
        Assert.Contains("no-such-data", err, StringComparison.Ordinal);
        (code, _, err) = Run("data", "show", "mnist-10k", "--split", "nope", "--out", Path.Combine(_dir, "x.png"));
        Assert.Equal(2, code);
        Assert.Contains("'nope'", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.png")));
        (code, _, err) = Run("data", "fetch", "glyphs36");
        Assert.Equal(2, code);
        Assert.Contains("not downloadable", err, StringComparison.Ordinal);
    }
}
