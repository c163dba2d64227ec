namespace Scrawl.Data.Tests.Formats;

/// <summary>Paths of the committed format fixtures and of the shared real data sets, plus a byte-mutation harness.</summary>
internal static class FormatFixtures
{
    public static string Dir { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "formats");

    public static string Fixture(string name) => Path.Combine(Dir, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Fixture(name));

    /// <summary>shared/datasets/NAME, found by walking up from the test binaries; fails the test if absent (CI has it).</summary>
    public static string SharedDataset(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                string path = Path.Combine(candidate, name);
                Assert.True(Directory.Exists(path) || File.Exists(path), $"{path} is missing from the shared data sets.");
                return path;
            }
        }

        Assert.Fail($"No shared/datasets folder above {AppContext.BaseDirectory}; the real-data tests need it (CI provides it).");
        return string.Empty;
    }

    /// <summary>
    /// Parses <paramref name="original"/> with every byte XOR-ed by each mask in turn and truncated at every
    /// length; returns a description of each attempt that threw anything but an InvalidDataException.
    /// </summary>
    public static List<string> Mutate(byte[] original, Action<Stream> parse, byte[] masks, bool truncations = true, int step = 1)
    {
        var failures = new List<string>();
        void Try(byte[] bytes, string what)
        {
            try
            {
                parse(new MemoryStream(bytes, writable: false));
            }
            catch (InvalidDataException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"{what}: {e.GetType().Name}: {e.Message}");
            }
        }

        for (int i = 0; i < original.Length; i += step)
        {
            foreach (byte mask in masks)
            {
                var bytes = (byte[])original.Clone();
                bytes[i] ^= mask;
                Try(bytes, $"byte {i} ^ 0x{mask:X2}");
            }
        }

        if (truncations)
        {
            for (int n = 0; n < original.Length; n++)
            {
                Try(original[..n], $"truncated to {n} bytes");
            }
        }

        return failures;
    }
}
