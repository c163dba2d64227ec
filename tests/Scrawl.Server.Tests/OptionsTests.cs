namespace Scrawl.Server.Tests;

/// <summary>The server's options: ranges named with the CLI's option names, addresses checked, client file names cleaned.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void The_defaults_listen_on_loopback_and_are_valid()
    {
        var options = new ServerOptions();
        options.Validate();
        var address = Assert.Single(options.ListenAddresses());
        Assert.True(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(address.Host)));
        Assert.Equal(5080, address.Port);
        Assert.Equal(20L * 1024 * 1024, options.MaxUploadBytes);
        Assert.Equal(Environment.ProcessorCount, options.MaxConcurrency);
    }

    [Theory]
    [InlineData(0, 2, 16, 30, "--max-upload-mb 0")]
    [InlineData(20, 0, 16, 30, "--max-concurrency 0")]
    [InlineData(20, 2, -1, 30, "--queue -1")]
    [InlineData(20, 2, 16, 0, "--request-timeout 0")]
    public void An_option_out_of_range_is_named(int uploadMb, int workers, int queue, double timeout, string message)
    {
        var options = new ServerOptions { MaxUploadMegabytes = uploadMb, MaxConcurrency = workers, QueueLength = queue, RequestTimeoutSeconds = timeout };
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:5080", "HTTPS is not served here")]
    [InlineData("http://127.0.0.1:5080/api", "scheme, host and port only")]
    [InlineData("http://localhost", "scheme, host and port only")]
    [InlineData("127.0.0.1:5080", "not an http:// address")]
    [InlineData(" ; ", "give at least one address")]
    public void A_bad_address_is_refused_naming_it(string urls, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => new ServerOptions { Urls = urls }.ListenAddresses()).Message, StringComparison.Ordinal);

    [Fact]
    public void Several_addresses_and_ipv6_are_accepted()
    {
        var addresses = new ServerOptions { Urls = "http://127.0.0.1:0; http://[::1]:8080,http://0.0.0.0:80" }.ListenAddresses();
        Assert.Equal([0, 8080, 80], addresses.Select(a => a.Port));
    }

    [Theory]
    [InlineData("photo.jpg", "photo.jpg")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\scan.png", "scan.png")]
    [InlineData("bad\u0007\nname.png", "badname.png")]
    [InlineData("..", "upload")]
    [InlineData(null, "upload")]
    public void A_client_file_name_is_only_a_label(string? given, string expected) => Assert.Equal(expected, Uploads.CleanName(given));
}
