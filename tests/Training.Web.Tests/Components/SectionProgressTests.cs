using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Components;

namespace Training.Web.Tests.Components;

public class SectionProgressTests : BunitContext
{
    public SectionProgressTests() => Services.AddLocalization(o => o.ResourcesPath = "Resources");

    [Fact]
    public void ShowsTheSectionNumberAndTotal_AsTextAndAsAProgressBar()
    {
        var cut = Render<SectionProgress>(p => p.Add(x => x.Current, 2).Add(x => x.Total, 5));

        Assert.Equal("Avsnitt 2 av 5", cut.Find("#avsnitt-framsteg").TextContent);
        var bar = cut.Find("progress");
        Assert.Equal("5", bar.GetAttribute("max"));
        Assert.Equal("2", bar.GetAttribute("value"));
        Assert.Equal("avsnitt-framsteg", bar.GetAttribute("aria-labelledby"));
    }
}
