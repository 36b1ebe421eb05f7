using Training.Core.Content;

namespace Training.Core.Tests.Modules;

public class ContentHashTests
{
    [Fact]
    public void SameFiles_WithCrlfLineEndings_HashTheSame()
    {
        using var lf = new TempContent().Write("m/index.md", "a\nb\n").Write("m/q.gift", "x\n");
        using var crlf = new TempContent().Write("m/index.md", "a\r\nb\r\n").Write("m/q.gift", "x\r\n");

        Assert.Equal(ContentHash.Compute(Path.Combine(lf.Root, "m")), ContentHash.Compute(Path.Combine(crlf.Root, "m")));
    }

    [Fact]
    public void ChangingAByte_OrAFileName_ChangesTheHash()
    {
        using var a = new TempContent().Write("m/index.md", "a\n").Write("m/bild.png", "1");
        using var b = new TempContent().Write("m/index.md", "a\n").Write("m/bild.png", "2");
        using var c = new TempContent().Write("m/index.md", "a\n").Write("m/bild2.png", "1");

        var hashes = new[] { a, b, c }.Select(t => ContentHash.Compute(Path.Combine(t.Root, "m"))).ToList();

        Assert.Equal(3, hashes.Distinct().Count());
    }

    [Theory]
    [InlineData("1.0", 1, 0)]
    [InlineData("1.10", 1, 10)]
    [InlineData("12.3", 12, 3)]
    public void Versions_Parse(string text, int major, int minor)
    {
        Assert.True(ModuleVersionNumber.TryParse(text, out var version));
        Assert.Equal(new ModuleVersionNumber(major, minor), version);
        Assert.True(new ModuleVersionNumber(1, 9) < new ModuleVersionNumber(1, 10));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.2.3")]
    [InlineData("01.2")]
    [InlineData("v1.2")]
    public void BadVersions_DoNotParse(string text) => Assert.False(ModuleVersionNumber.TryParse(text, out _));

    [Theory]
    [InlineData("../x.png")]
    [InlineData("a/../../x.png")]
    [InlineData(".hidden")]
    [InlineData("index.md")]
    [InlineData("quiz.gift")]
    public void ModuleFiles_RefusesPathsOutsideOrSources(string path)
    {
        using var content = new TempContent().Write("m/index.md", "x").Write("m/quiz.gift", "x").Write("m/.hidden", "x").Write("x.png", "x");

        Assert.Null(ModuleFiles.FindServable(Path.Combine(content.Root, "m"), path));
    }

    [Fact]
    public void ModuleFiles_ServesAFileInsideTheFolder()
    {
        using var content = new TempContent().Write("m/bilder/a.png", "x");

        Assert.NotNull(ModuleFiles.FindServable(Path.Combine(content.Root, "m"), "bilder/a.png"));
    }
}
