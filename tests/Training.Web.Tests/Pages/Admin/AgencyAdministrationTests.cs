using Microsoft.EntityFrameworkCore;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Admin;

/// <summary>/admin/myndigheter and /admin/myndigheter/{code}: every change is stored with an entry saying what changed.</summary>
public class AgencyAdministrationTests(StaffSite staff) : IClassFixture<StaffSite>
{
    private TrainingSite Site => staff.Site;

    private async Task<Agency> CreateAgencyAsync(string code, string name)
    {
        var response = await Forms.PostAsync(staff.AsAdmin, "/admin/myndigheter", new() { ["Input.Code"] = code, ["Input.Name"] = name });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", Forms.Errors(await response.Content.ReadAsStringAsync())));
        return Agency(code);
    }

    private Agency Agency(string code) =>
        Site.WithDb(db => db.Agencies.AsNoTracking().Include(a => a.Domains).Include(a => a.Units).Include(a => a.JobRoles).Single(a => a.Code == code));

    private Task<HttpResponseMessage> PostAsync(string code, string handler, Dictionary<string, string> fields) =>
        Forms.PostAsync(staff.AsAdmin, $"/admin/myndigheter/{code}?handler={handler}", fields, "/admin/myndigheter/" + code);

    private AuditEntry LastEntryAbout(string code) => staff.EntriesAbout(code)[^1];

    private static async Task<string> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join(" | ", Forms.Errors(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Create_MakesTheAgency_WithAnAgencyCreatedEntry_AndListsIt()
    {
        var response = await Forms.PostAsync(staff.AsAdmin, "/admin/myndigheter", new() { ["Input.Code"] = "testverket", ["Input.Name"] = "Testverket" });

        Assert.Equal("/admin/myndigheter/testverket", response.Headers.Location?.OriginalString);
        var agency = Agency("testverket");
        var entry = Assert.Single(staff.EntriesAbout("testverket"));
        Assert.Equal(AuditActions.AgencyCreated, entry.Action);
        Assert.Equal(agency.Id, entry.AgencyId);
        Assert.Equal("Testverket", entry.SubjectLabel);
        Assert.Equal(staff.Admin.Id, entry.ActorId);
        Assert.Equal(staff.Now, entry.At);
        Assert.Equal("Myndigheten Testverket skapades med koden testverket.", entry.Details);
        var list = await staff.AsAdmin.GetStringAsync(new Uri("/admin/myndigheter", UriKind.Relative));
        Assert.Contains("<a href=\"/admin/myndigheter/testverket\">Testverket</a>", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Stora Bokstäver", "Koden får bara innehålla små bokstäver a–z, siffror och bindestreck")]
    [InlineData("polisen", "Koden polisen används redan av en annan myndighet.")]
    [InlineData("", "Skriv en kod för myndigheten.")]
    public async Task Create_RefusesABadOrTakenCode_InSwedish(string code, string error)
    {
        var before = Site.WithDb(db => db.Agencies.Count());

        var response = await Forms.PostAsync(staff.AsAdmin, "/admin/myndigheter", new() { ["Input.Code"] = code, ["Input.Name"] = "Någon myndighet" });

        Assert.Contains(error, await ErrorsOf(response), StringComparison.Ordinal);
        Assert.Equal(before, Site.WithDb(db => db.Agencies.Count()));
    }

    [Fact]
    public async Task TheList_CountsThePeopleOfEachAgency()
    {
        await CreateAgencyAsync("raknas", "Räknade myndigheten");
        await Site.CreateUserAsync("en@raknas.test.example", "raknas");
        await Site.CreateUserAsync("tva@raknas.test.example", "raknas");

        var list = await staff.AsAdmin.GetStringAsync(new Uri("/admin/myndigheter", UriKind.Relative));

        Assert.Matches("Räknade myndigheten</a></td>\\s*<td>raknas</td>\\s*<td>[^<]*</td>\\s*<td class=\"number\">2</td>", list);
    }

    [Fact]
    public async Task Name_IsChanged_WithASentenceOfWhatChanged()
    {
        await CreateAgencyAsync("namnbyte", "Gamla namnet");

        await PostAsync("namnbyte", "Name", new() { ["name"] = "Nya namnet" });

        Assert.Equal("Nya namnet", Agency("namnbyte").Name);
        var entry = LastEntryAbout("namnbyte");
        Assert.Equal(AuditActions.AgencyChanged, entry.Action);
        Assert.Equal("Namnet ändrades från Gamla namnet till Nya namnet.", entry.Details);
        Assert.Equal(staff.Now, entry.At);
    }

    [Fact]
    public async Task Domains_AreAddedAndRemoved_AndADomainOfAnotherAgencyIsRefused()
    {
        await CreateAgencyAsync("domaner", "Domänmyndigheten");

        var added = await StaffSite.FollowAsync(staff.AsAdmin, await PostAsync("domaner", "AddDomain", new() { ["domain"] = " Doman.Example " }));
        var taken = await PostAsync("domaner", "AddDomain", new() { ["domain"] = "polisen.se" });
        var invalid = await PostAsync("domaner", "AddDomain", new() { ["domain"] = "inte en domän" });

        Assert.Contains("Domänen doman.example är tillagd.", added, StringComparison.Ordinal);
        Assert.Contains("Domänen polisen.se hör redan till Polismyndigheten. En domän kan bara höra till en myndighet.", await ErrorsOf(taken), StringComparison.Ordinal);
        Assert.Contains("Skriv en domän som polisen.se", await ErrorsOf(invalid), StringComparison.Ordinal);
        var domain = Assert.Single(Agency("domaner").Domains);
        Assert.Equal("doman.example", domain.Domain);
        Assert.Equal("Domänen doman.example lades till.", LastEntryAbout("domaner").Details);

        await PostAsync("domaner", "RemoveDomain", new() { ["domainId"] = domain.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Empty(Agency("domaner").Domains);
        Assert.Equal("Domänen doman.example togs bort.", LastEntryAbout("domaner").Details);
        Assert.Equal(2, staff.EntriesAbout("domaner").Count(e => e.Action == AuditActions.AgencyChanged)); // refused attempts write nothing
    }

    [Fact]
    public async Task Units_AreAddedRenamedAndRemoved_ButNotWhilePeopleBelongToThem()
    {
        await CreateAgencyAsync("enheter", "Enhetsmyndigheten");
        await PostAsync("enheter", "AddUnit", new() { ["name"] = "Region Norr" });
        await PostAsync("enheter", "AddUnit", new() { ["name"] = "Region Söder" });
        var duplicate = await PostAsync("enheter", "AddUnit", new() { ["name"] = "region norr" });
        Assert.Contains("Det finns redan en enhet som heter region norr.", await ErrorsOf(duplicate), StringComparison.Ordinal);
        var north = Agency("enheter").Units.Single(u => u.Name == "Region Norr");
        var south = Agency("enheter").Units.Single(u => u.Name == "Region Söder");
        await Site.CreateUserAsync("forsta@enheter.test.example", "enheter"); // CreateUserAsync puts people in the first unit
        await Site.CreateUserAsync("andra@enheter.test.example", "enheter");
        var occupied = Site.WithDb(db => db.Users.Where(u => u.Agency.Code == "enheter").Select(u => u.UnitId).Distinct().Single())!.Value;
        var empty = occupied == north.Id ? south : north;

        var renamed = await PostAsync("enheter", "RenameUnit", new() { ["unitId"] = Id(occupied), ["name"] = "Region Mitt" });
        var refused = await PostAsync("enheter", "RemoveUnit", new() { ["unitId"] = Id(occupied) });
        var removed = await PostAsync("enheter", "RemoveUnit", new() { ["unitId"] = Id(empty.Id) });

        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("Enheten Region Mitt kan inte tas bort: 2 personer hör till den.", await ErrorsOf(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(["Region Mitt"], Agency("enheter").Units.Select(u => u.Name));
        var details = staff.EntriesAbout("enheter").Select(e => e.Details).ToList();
        Assert.Contains("Enheten Region Norr lades till.", details);
        Assert.Contains($"Enheten {(occupied == north.Id ? "Region Norr" : "Region Söder")} bytte namn till Region Mitt.", details);
        Assert.Equal($"Enheten {empty.Name} togs bort.", details[^1]);
    }

    [Fact]
    public async Task JobRoles_AreAddedRenamedAndRemoved_ButNotWhileInUse()
    {
        await CreateAgencyAsync("befattningar", "Befattningsmyndigheten");
        await PostAsync("befattningar", "AddJobRole", new() { ["jobRoleCode"] = "handlaggare", ["name"] = "Handläggare" });
        var badCode = await PostAsync("befattningar", "AddJobRole", new() { ["jobRoleCode"] = "Chef Ö", ["name"] = "Chef" });
        var takenCode = await PostAsync("befattningar", "AddJobRole", new() { ["jobRoleCode"] = "handlaggare", ["name"] = "Annan" });
        Assert.Contains("Koden får bara innehålla små bokstäver", await ErrorsOf(badCode), StringComparison.Ordinal);
        Assert.Contains("Det finns redan en befattning med koden handlaggare.", await ErrorsOf(takenCode), StringComparison.Ordinal);
        var role = Assert.Single(Agency("befattningar").JobRoles);
        await Site.CreateUserAsync("handlaggaren@befattningar.test.example", "befattningar"); // gets the first job role

        await PostAsync("befattningar", "RenameJobRole", new() { ["jobRoleId"] = Id(role.Id), ["name"] = "Utredande handläggare" });
        var refused = await PostAsync("befattningar", "RemoveJobRole", new() { ["jobRoleId"] = Id(role.Id) });

        Assert.Contains("Befattningen Utredande handläggare kan inte tas bort: en person har den.", await ErrorsOf(refused), StringComparison.Ordinal);
        Assert.Equal("Utredande handläggare", Assert.Single(Agency("befattningar").JobRoles).Name);

        await Site.WithServicesAsync(async services =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TrainingDbContext>(services);
            await db.Users.Where(u => u.JobRoleId == role.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.JobRoleId, (int?)null));
        });
        await PostAsync("befattningar", "RemoveJobRole", new() { ["jobRoleId"] = Id(role.Id) });

        Assert.Empty(Agency("befattningar").JobRoles);
        Assert.Equal(
            ["Befattningen Handläggare (handlaggare) lades till.", "Befattningen handlaggare bytte namn från Handläggare till Utredande handläggare.", "Befattningen Utredande handläggare (handlaggare) togs bort."],
            staff.EntriesAbout("befattningar").Where(e => e.Action == AuditActions.AgencyChanged).Select(e => e.Details));
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
