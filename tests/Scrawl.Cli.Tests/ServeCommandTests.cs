namespace Scrawl.Cli.Tests;

/// <summary><c>scrawl serve</c>'s options: listed in its help, and refused before anything is served when out of range (exit 2, one line naming the option or file).</summary>
public class ServeCommandTests
{
    [Fact]
    public void Help_lists_every_option_and_the_root_help_lists_serve()
    {
        var (code, stdout, _) = CliRunner.Run("serve", "--help");
        Assert.Equal(0, code);
        foreach (string option in new[] { "--urls", "--max-upload-mb", "--max-concurrency", "--queue", "--request-timeout", "--api-key-file", "--model" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }

        Assert.Contains("http://127.0.0.1:5080", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n\s+serve\s+Serve the reading API", CliRunner.Run("--help").Out);
    }

    [Theory]
    [InlineData("--max-upload-mb", "0", "--max-upload-mb 0: must be 1–1024")]
    [InlineData("--max-concurrency", "999", "--max-concurrency 999: must be 1–256")]
    [InlineData("--queue", "-3", "--queue -3: must be 0–100000")]
    [InlineData("--request-timeout", "0", "--request-timeout 0: must be 0.1–3600 seconds")]
    [InlineData("--urls", "https://127.0.0.1:5080", "--urls 'https://127.0.0.1:5080': HTTPS is not served here")]
    [InlineData("--urls", "localhost:5080", "--urls 'localhost:5080': not an http:// address")]
    public void An_option_out_of_range_is_one_line_and_exit_2(string option, string value, string message)
    {
        var (code, stdout, stderr) = CliRunner.Run("serve", option, value);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"scrawl: {message}", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void A_missing_key_file_or_model_is_named_before_anything_is_served()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"scrawl-no-key-{Guid.NewGuid():N}.txt");
        var (code, _, stderr) = CliRunner.Run("serve", "--urls", "http://127.0.0.1:0", "--api-key-file", missing);
        Assert.Equal(2, code);
        Assert.Contains($"{missing}: no such file", stderr, StringComparison.Ordinal);

        string model = Path.Combine(Path.GetTempPath(), $"scrawl-no-model-{Guid.NewGuid():N}.scrawl");
        (code, _, stderr) = CliRunner.Run("serve", "--urls", "http://127.0.0.1:0", "--model", model);
        Assert.Equal(2, code);
        Assert.Contains(model, stderr, StringComparison.Ordinal);
    }
}
