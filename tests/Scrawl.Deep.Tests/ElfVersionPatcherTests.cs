using Scrawl.Deep.NativePatch;

namespace Scrawl.Deep.Tests;

public class ElfVersionPatcherTests
{
    [Fact]
    public void Reads_every_version_requirement_with_its_library()
    {
        var needs = ElfVersionPatcher.ReadVersionNeeds(ElfFixture.Build());
        var expected = ElfFixture.Needs.SelectMany(n => n.Versions.Select(v => (n.Library, v))).ToList();
        Assert.Equal(expected, needs.Select(n => (n.Library, n.Version)).ToList());
        Assert.All(needs, n => Assert.Equal(0, n.Flags));
    }

    [Fact]
    public void Marks_exactly_the_named_entry_weak_and_nothing_else()
    {
        byte[] original = ElfFixture.Build();
        byte[] elf = (byte[])original.Clone();
        Assert.Equal(PatchResult.Patched, ElfVersionPatcher.MarkWeak(elf, "GLIBCXX_3.4.32"));
        var needs = ElfVersionPatcher.ReadVersionNeeds(elf);
        Assert.Equal(ElfVersionPatcher.VerFlagWeak, needs.Single(n => n.Version == "GLIBCXX_3.4.32").Flags);
        Assert.All(needs.Where(n => n.Version != "GLIBCXX_3.4.32"), n => Assert.Equal(0, n.Flags));
        var changed = Enumerable.Range(0, elf.Length).Where(i => elf[i] != original[i]).ToList();
        long at = needs.Single(n => n.Version == "GLIBCXX_3.4.32").FlagsOffset;
        Assert.Equal([(int)at], changed);
    }

    [Fact]
    public void Patching_twice_equals_patching_once()
    {
        byte[] once = ElfFixture.Build();
        ElfVersionPatcher.MarkWeak(once, "GLIBCXX_3.4.32");
        byte[] twice = (byte[])once.Clone();
        Assert.Equal(PatchResult.AlreadyWeak, ElfVersionPatcher.MarkWeak(twice, "GLIBCXX_3.4.32"));
        Assert.Equal(once, twice);
    }

    [Fact]
    public void A_version_nobody_requires_changes_nothing()
    {
        byte[] elf = ElfFixture.Build();
        Assert.Equal(PatchResult.NotRequired, ElfVersionPatcher.MarkWeak(elf, "GLIBCXX_9.9.9"));
        Assert.Equal(ElfFixture.Build(), elf);
    }

    [Fact]
    public void Bad_files_are_rejected_with_the_problem_named()
    {
        var notElf = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadVersionNeeds(new byte[100], "x.so"));
        Assert.Contains("x.so: not an ELF file", notElf.Message);
        byte[] truncated = ElfFixture.Build()[..200];
        var cut = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.MarkWeak(truncated, "GLIBCXX_3.4.32", "cut.so"));
        Assert.Contains("cut.so: truncated", cut.Message);
        byte[] elf32 = ElfFixture.Build();
        elf32[4] = 1;
        Assert.Contains("64-bit", Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadVersionNeeds(elf32)).Message);
    }

    [Fact]
    public void The_build_step_patches_only_when_the_system_library_lacks_the_version()
    {
        string dir = Directory.CreateTempSubdirectory("scrawl-elf-").FullName;
        try
        {
            string library = Path.Combine(dir, "libLibTorchSharp.so");
            string oldStd = Path.Combine(dir, "old-libstdc++.so.6");
            string newStd = Path.Combine(dir, "new-libstdc++.so.6");
            File.WriteAllBytes(oldStd, "..GLIBCXX_3.4.30\0GLIBCXX_3.4.320\0.."u8.ToArray()); // 3.4.320 is not 3.4.32
            File.WriteAllBytes(newStd, "..GLIBCXX_3.4.30\0GLIBCXX_3.4.32\0.."u8.ToArray());
            File.WriteAllBytes(library, ElfFixture.Build());

            Assert.Contains("has GLIBCXX_3.4.32, not patched", LibraryPatch.Apply(library, newStd));
            Assert.Equal(ElfFixture.Build(), File.ReadAllBytes(library));

            Assert.Contains("marked GLIBCXX_3.4.32 weak", LibraryPatch.Apply(library, oldStd));
            byte[] patched = File.ReadAllBytes(library);
            Assert.Contains(ElfVersionPatcher.ReadVersionNeeds(patched), n => n.Version == "GLIBCXX_3.4.32" && n.Flags == ElfVersionPatcher.VerFlagWeak);
            Assert.Contains("already patched", LibraryPatch.Apply(library, oldStd));
            Assert.Equal(patched, File.ReadAllBytes(library));
            Assert.Single(Directory.GetFiles(dir, "libLibTorchSharp*")); // no temp file left behind
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_built_copy_next_to_the_tests_loads_on_this_system()
    {
        string built = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        if (!OperatingSystem.IsLinux() || !File.Exists(built))
        {
            Assert.Fail($"{built} is missing: the linux-x64 TorchSharp native library should be copied next to the tests.");
        }

        string? std = LibraryPatch.FindSystemLibstdcxx();
        Assert.NotNull(std);
        var need = ElfVersionPatcher.ReadVersionNeeds(File.ReadAllBytes(built)).Single(n => n.Version == LibraryPatch.DefaultVersion);
        bool systemHasIt = ElfVersionPatcher.Defines(std, LibraryPatch.DefaultVersion);
        // The build step ran: weak exactly when the system lacks the version.
        Assert.Equal(!systemHasIt, (need.Flags & ElfVersionPatcher.VerFlagWeak) != 0);
        TorchRuntime.EnsureLoaded();
    }
}
