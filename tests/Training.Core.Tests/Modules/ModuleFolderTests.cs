using Training.Core.Content;

namespace Training.Core.Tests.Modules;

/// <summary>Files a module cannot use (issue 13, items 4 and 5): the module is skipped and the file named, nothing throws.</summary>
public class ModuleFolderTests
{
    private static TempContent TwoModules() => new TempContent().GoodModule("trasig").GoodModule("hel");

    private static string ModuleFolder(TempContent content, string id) => Path.Combine(content.Root, "modules", id);

    [Fact]
    public void DanglingLink_SkipsThatModuleOnly_AndNamesTheLink()
    {
        using var content = TwoModules();
        File.CreateSymbolicLink(Path.Combine(ModuleFolder(content, "trasig"), "bild.png"), "finns-inte.png");

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Equal(["hel"], set.Modules.Select(m => m.Id));
        var problem = Assert.Single(set.Problems);
        Assert.Equal("content/modules/trasig/bild.png: länken pekar på en fil som inte finns. Modulen hoppas över.", problem.ToString());
    }

    [Fact]
    public void LoopingLink_SkipsThatModule_AndNamesTheLink()
    {
        using var content = TwoModules();
        var link = Path.Combine(ModuleFolder(content, "trasig"), "slinga.gift");
        File.CreateSymbolicLink(link, link);

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Equal(["hel"], set.Modules.Select(m => m.Id));
        Assert.StartsWith("content/modules/trasig/slinga.gift: länken går i en slinga", Assert.Single(set.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FolderLinkLoop_IsReported_NotFollowed()
    {
        using var content = TwoModules();
        Directory.CreateSymbolicLink(Path.Combine(ModuleFolder(content, "trasig"), "upp"), ModuleFolder(content, "trasig"));

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Equal(["hel"], set.Modules.Select(m => m.Id));
        Assert.StartsWith("content/modules/trasig/upp: länken pekar på en mapp", Assert.Single(set.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LinkLeavingTheModule_IsAnError_AndItsTargetIsNeverRead()
    {
        using var content = TwoModules();
        content.Write("hemlig.gift", "::q:: Hemlig? {T}");
        File.CreateSymbolicLink(Path.Combine(ModuleFolder(content, "trasig"), "lank.gift"), Path.Combine(content.Root, "hemlig.gift"));
        File.CreateSymbolicLink(Path.Combine(ModuleFolder(content, "hel"), "annan.gift"), "../trasig/index.md");

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Empty(set.Modules);
        Assert.Equal(
            [
                "content/modules/hel/annan.gift: länken pekar utanför modulmappen; lägg filen i modulmappen i stället. Modulen hoppas över.",
                "content/modules/trasig/lank.gift: länken pekar utanför modulmappen; lägg filen i modulmappen i stället. Modulen hoppas över.",
            ],
            set.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void LinkToAFileInsideTheModule_IsFine()
    {
        using var content = new TempContent().GoodModule("m", extraBody: "\n![Bild](bild.png)\n").Write("modules/m/bilder/original.png", "png");
        File.CreateSymbolicLink(Path.Combine(ModuleFolder(content, "m"), "bild.png"), "bilder/original.png");

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Empty(set.Problems);
        Assert.Single(set.Modules);
    }

    [Fact]
    public void DanglingModuleFolderLink_IsReported()
    {
        using var content = new TempContent().GoodModule("hel");
        Directory.CreateSymbolicLink(Path.Combine(content.Root, "modules", "borta"), Path.Combine(content.Root, "finns-inte"));

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Equal(["hel"], set.Modules.Select(m => m.Id));
        Assert.StartsWith("content/modules/borta: ", Assert.Single(set.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DanglingTrackLink_IsReported_AndTheModulesStillLoad()
    {
        using var content = new TempContent().GoodModule("hel");
        Directory.CreateDirectory(Path.Combine(content.Root, "tracks"));
        File.CreateSymbolicLink(Path.Combine(content.Root, "tracks", "spar.yml"), Path.Combine(content.Root, "finns-inte.yml"));

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Single(set.Modules);
        Assert.StartsWith("content/tracks/spar.yml: ", Assert.Single(set.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FileThatDisappearsAfterListing_IsNamed_NotThrownAsAnUnknownError()
    {
        using var content = new TempContent().GoodModule("m").Write("modules/m/bild.png", "png");
        var folder = ModuleFolder(content, "m");
        var (files, problems) = Core.Content.ModuleFolder.List(folder, "content/modules/m");
        Assert.Empty(problems);
        File.Delete(Path.Combine(folder, "bild.png"));

        var error = Assert.Throws<ModuleFileException>(() => ContentHash.Compute(folder, files));

        Assert.Equal("bild.png", error.RelativePath);
        Assert.Equal("filen försvann medan modulen lästes.", error.Reason);
    }

    [Fact]
    public void RealPath_ResolvesDotDotAfterALink_FromTheLinksTarget()
    {
        using var content = new TempContent().Write("a/b/fil.txt", "x").Write("m/index.md", "x");
        Directory.CreateSymbolicLink(Path.Combine(content.Root, "m", "genvag"), Path.Combine(content.Root, "a", "b"));

        var real = Core.Content.ModuleFolder.RealPath(Path.Combine(content.Root, "m", "genvag", "..", "b", "fil.txt"));

        Assert.Equal(Core.Content.ModuleFolder.RealPath(Path.Combine(content.Root, "a", "b", "fil.txt")), real);
    }
}

/// <summary>Serving a module's files (issue 13, item 5): only regular files whose real path is inside the module.</summary>
public class ModuleFilesServingTests
{
    [Fact]
    public void FindServable_RefusesALinkOutOfTheModule_AndAcceptsOneInside()
    {
        using var content = new TempContent().GoodModule("m").Write("hemligt.txt", "hemligt").Write("modules/m/bilder/a.png", "png");
        var folder = Path.Combine(content.Root, "modules", "m");
        File.CreateSymbolicLink(Path.Combine(folder, "passwd.txt"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(folder, "relativ.txt"), "../../hemligt.txt");
        Directory.CreateSymbolicLink(Path.Combine(folder, "ut"), content.Root);
        File.CreateSymbolicLink(Path.Combine(folder, "b.png"), "bilder/a.png");

        Assert.Null(ModuleFiles.FindServable(folder, "passwd.txt"));
        Assert.Null(ModuleFiles.FindServable(folder, "relativ.txt"));
        Assert.Null(ModuleFiles.FindServable(folder, "ut/hemligt.txt"));
        Assert.Null(ModuleFiles.FindServable(folder, "bilder"));
        Assert.NotNull(ModuleFiles.FindServable(folder, "b.png"));
    }
}
