using Scrawl.Data.Downloads;

namespace Scrawl.Data.Tests.Downloads;

public class DataCacheTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars)
        => name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void SCRAWL_DATA_overrides_every_other_location()
    {
        var root = Path.Combine(Path.GetTempPath(), "scrawl-override");
        var env = Env(("SCRAWL_DATA", root), ("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u"));
        Assert.Equal(root, DataCache.ResolveRoot(env, linuxStyle: true, "/home/u", "/appdata"));
        Assert.Equal(root, DataCache.ResolveRoot(env, linuxStyle: false, "/home/u", "/appdata"));
    }

    [Fact]
    public void Linux_uses_XDG_cache_home_then_home_dot_cache()
    {
        Assert.Equal("/xdg/scrawl", DataCache.ResolveRoot(Env(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u")), true, "/p", null));
        Assert.Equal("/home/u/.cache/scrawl", DataCache.ResolveRoot(Env(("XDG_CACHE_HOME", "relative"), ("HOME", "/home/u")), true, "/p", null));
        Assert.Equal("/p/.cache/scrawl", DataCache.ResolveRoot(Env(("SCRAWL_DATA", " ")), true, "/p", null));
    }

    [Fact]
    public void Other_systems_use_local_application_data_and_no_folder_at_all_is_an_error()
    {
        Assert.Equal(Path.Combine("/appdata", "scrawl"), DataCache.ResolveRoot(Env(), false, "/p", "/appdata"));
        var e = Assert.Throws<InvalidOperationException>(() => DataCache.ResolveRoot(Env(), true, "", null));
        Assert.Contains("SCRAWL_DATA", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_root_gives_dataset_folders_and_rejects_unsafe_names()
    {
        var root = Path.Combine(Path.GetTempPath(), "scrawl-explicit");
        var cache = new DataCache(root);
        Assert.Equal(Path.Combine(root, "emnist"), cache.DatasetFolder("emnist"));
        Assert.Throws<ArgumentException>(() => cache.DatasetFolder(".."));
        Assert.Throws<ArgumentException>(() => cache.DatasetFolder("a/b"));
        Assert.Throws<ArgumentException>(() => cache.DatasetFolder(""));
        using var downloader = new Downloader(cache.DatasetFolder("emnist"));
        Assert.Equal(Path.Combine(root, "emnist", "x.gz"), downloader.PathFor("x.gz"));
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void FromEnvironment_reads_SCRAWL_DATA_of_this_process()
    {
        var set = Environment.GetEnvironmentVariable(DataCache.EnvironmentVariable);
        var root = DataCache.FromEnvironment().Root;
        Assert.True(Path.IsPathRooted(root));
        if (!string.IsNullOrWhiteSpace(set))
        {
            Assert.Equal(Path.GetFullPath(set), root);
        }
    }
}
