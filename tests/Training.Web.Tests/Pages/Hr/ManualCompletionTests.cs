using Microsoft.EntityFrameworkCore;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Hr;

/// <summary>
/// HR records a completion done elsewhere on the employee page, through the real form; the clock stands at
/// 2026-03-10 10:30 in Stockholm. Each test has a person of its own.
/// </summary>
public sealed class ManualCompletionTests(StaffSite staff) : IClassFixture<StaffSite>
{
    private const string Module = "barn-som-offer";
    private const string Note = "Klassrumskurs 12 februari, Polishögskolan";

    private static string PageOf(User person) => "/hr/medarbetare/" + person.Id;

    private static Task<HttpResponseMessage> RecordAsync(HttpClient client, User person, Dictionary<string, string> fields, string? formPage = null) =>
        Forms.PostAsync(client, PageOf(person) + "?handler=Record", fields, formPage ?? PageOf(person));

    private static Dictionary<string, string> Classroom(string date = "2026-02-12", string score = "90", string note = Note) => new()
    {
        ["Input.ModuleId"] = Module,
        ["Input.CompletedOn"] = date,
        ["Input.ScorePercent"] = score,
        ["Input.Note"] = note,
    };

    private List<Completion> CompletionsOf(User person) =>
        staff.Site.WithDb(db => db.Completions.AsNoTracking().Where(c => c.UserId == person.Id).OrderBy(c => c.Id).ToList());

    [Fact]
    public async Task Hr_RecordsAManualCompletion_ItIsListedWithItsEvidence_AuditedAndTheLearnerIsCompleted()
    {
        var person = await staff.Site.CreateUserAsync("manuell.klassrum@polisen.se");
        // The module is mandatory for border police, due by a date that has passed; the person is one.
        staff.Site.WithDb(db =>
        {
            var role = db.JobRoles.Single(j => j.Code == "granspolis" && j.Agency.Code == "polisen");
            db.Users.Where(u => u.Id == person.Id).ExecuteUpdate(u => u.SetProperty(x => x.JobRoleId, role.Id));
            db.Requirements.Add(new Requirement
            {
                AgencyId = role.AgencyId,
                ModuleId = Module,
                JobRoles = [new RequirementJobRole { JobRoleId = role.Id }],
                DueDate = new DateOnly(2026, 3, 1),
                CreatedAt = staff.Now.AddDays(-30),
            });
            return db.SaveChanges();
        });
        var before = await staff.AsHr.GetStringAsync(new Uri(PageOf(person), UriKind.Relative));
        Assert.Matches("Barn som offer</td>\\s*<td><span class=\"status status-overdue\">Försenad</span>", before);

        var response = await RecordAsync(staff.AsHr, person, Classroom());
        var html = await StaffSite.FollowAsync(staff.AsHr, response);
        Assert.Matches("Barn som offer</td>\\s*<td><span class=\"status status-completed\">Genomförd</span></td>\\s*<td>Gäller till 2028-02-12</td>", html);

        Assert.Equal(PageOf(person) + "#genomforda", response.Headers.Location?.OriginalString);
        Assert.Contains("Den genomförda utbildningen är registrerad.", html, StringComparison.Ordinal);
        var row = CompletionRow(html, "Barn som offer");
        Assert.Contains("<td>1.1</td>", row, StringComparison.Ordinal);
        Assert.Contains("2026-02-12", row, StringComparison.Ordinal);
        Assert.Contains("90 %", row, StringComparison.Ordinal);
        Assert.Contains("Manuellt registrerad", row, StringComparison.Ordinal);
        Assert.Contains("2028-02-12", row, StringComparison.Ordinal); // valid_for_months: 24, from the date given
        Assert.Contains(staff.Hr.Name, row, StringComparison.Ordinal);
        Assert.Contains(Note, row, StringComparison.Ordinal);

        var completion = Assert.Single(CompletionsOf(person));
        Assert.Equal((CompletionSources.Manual, staff.Hr.Id, Note, 90, (long?)null), (completion.Source, completion.RecordedById, completion.Note, completion.ScorePercent, completion.SupersedesId));
        Assert.Equal(new DateTime(2026, 2, 11, 23, 0, 0, DateTimeKind.Utc), completion.CompletedAt); // the start of 12 February in Stockholm
        Assert.NotNull(completion.VerificationCode);

        var entry = Assert.Single(staff.EntriesAbout(person.Id), e => e.Action == AuditActions.CompletionRecorded);
        Assert.Equal((staff.Hr.Id, StaffSite.HrEmail, staff.Now), (entry.ActorId, entry.ActorLabel, entry.At));
        Assert.Contains("Barn som offer (1.1), genomförd 2026-02-12, resultat 90 %", entry.Details, StringComparison.Ordinal);
        Assert.Contains(Note, entry.Details, StringComparison.Ordinal);

        var learner = await staff.Site.SignInAsync(person.Email!);
        var overview = await learner.GetStringAsync(new Uri("/moduler/" + Module, UriKind.Relative));
        Assert.Contains("Modulen är genomförd.", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hr_RecordsNothingForItselfOrForOtherStaff_AnAdminDoes()
    {
        var colleague = await staff.Site.CreateUserAsync("manuell.hrkollega@polisen.se", "polisen", Roles.Hr);

        var own = await RecordAsync(staff.AsHr, staff.Hr, Classroom(), formPage: "/hr/genomforanden/import");
        var other = await RecordAsync(staff.AsHr, colleague, Classroom(), formPage: "/hr/genomforanden/import");
        var page = await staff.AsHr.GetStringAsync(new Uri(PageOf(colleague), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("registreras av en administratör", page, StringComparison.Ordinal);
        Assert.Empty(CompletionsOf(staff.Hr));
        Assert.Empty(CompletionsOf(colleague));
        var byAdmin = await RecordAsync(staff.AsAdmin, colleague, Classroom());
        Assert.Equal(HttpStatusCode.Redirect, byAdmin.StatusCode);
        Assert.Single(CompletionsOf(colleague));
    }

    [Fact]
    public async Task HrOfAnotherAgency_CannotRecordForThePerson_NorSeeThem()
    {
        var person = await staff.Site.CreateUserAsync("manuell.annan@polisen.se");

        var page = await staff.AsOtherHr.GetAsync(new Uri(PageOf(person), UriKind.Relative));
        var post = await RecordAsync(staff.AsOtherHr, person, Classroom(), formPage: "/hr/genomforanden/import");
        var learnerPost = await RecordAsync(staff.AsLearner, person, Classroom(), formPage: "/konto/byt-losenord");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, learnerPost.StatusCode);
        Assert.Empty(CompletionsOf(person));
        Assert.DoesNotContain(staff.EntriesAbout(person.Id), e => e.Action == AuditActions.CompletionRecorded);
    }

    [Fact]
    public async Task AnAdmin_RecordsForAnyAgency()
    {
        var person = await staff.Site.CreateUserAsync("manuell.admin@aklagare.se", "aklagare");

        var response = await RecordAsync(staff.AsAdmin, person, Classroom());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(staff.Site.WithDb(db => db.Agencies.Single(a => a.Code == "aklagare").Id), Assert.Single(CompletionsOf(person)).AgencyId);
    }

    public static TheoryData<string, string, string, string, string> BadInput() => new()
    {
        { "", "2026-02-12", "90", Note, "Välj vilken utbildning som genomförts." },
        { "finns-inte", "2026-02-12", "90", Note, "Välj vilken utbildning som genomförts." },
        { Module, "", "90", Note, "Ange datumet då utbildningen genomfördes." },
        { Module, "12/02/2026", "90", Note, "Skriv datumet som ÅÅÅÅ-MM-DD." },
        { Module, "2026-03-11", "90", Note, "Datumet kan inte ligga i framtiden." },
        { Module, "1999-12-31", "90", Note, "Datumet kan inte vara före år 2000." },
        { Module, "2026-02-12", "101", Note, "Resultatet ska vara ett heltal från 0 till 100, eller tomt." },
        { Module, "2026-02-12", "nittio", Note, "Resultatet ska vara ett heltal från 0 till 100, eller tomt." },
        { Module, "2026-02-12", "90", "   ", "Beskriv underlaget, till exempel kursens namn, datum och arrangör." },
        { Module, "2026-02-12", "90", new string('x', 1001), "Underlaget får vara högst 1 000 tecken." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_IsRefusedWithASwedishMessage_AndNothingIsStored(string module, string date, string score, string note, string message)
    {
        var person = await staff.Site.CreateUserAsync($"manuell.fel.{Guid.NewGuid():N}@polisen.se");

        var response = await RecordAsync(staff.AsHr, person, new()
        {
            ["Input.ModuleId"] = module, ["Input.CompletedOn"] = date, ["Input.ScorePercent"] = score, ["Input.Note"] = note,
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([message], Forms.Errors(html));
        Assert.Empty(CompletionsOf(person));
    }

    [Fact]
    public async Task TodayIsAccepted_AndTheScoreMayBeLeftOut()
    {
        var person = await staff.Site.CreateUserAsync("manuell.idag@polisen.se");

        var response = await RecordAsync(staff.AsHr, person, Classroom(date: "2026-03-10", score: ""));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(Assert.Single(CompletionsOf(person)).ScorePercent);
    }

    [Fact]
    public async Task ACorrection_IsANewRecordThatSupersedesTheOld_WhichStaysInTheHistoryMarkedAsSuperseded()
    {
        var person = await staff.Site.CreateUserAsync("manuell.ratta@polisen.se");
        await RecordAsync(staff.AsHr, person, Classroom(date: "2026-02-13"));
        var wrong = Assert.Single(CompletionsOf(person));

        var form = await staff.AsHr.GetStringAsync(new Uri($"{PageOf(person)}?ratta={wrong.Id}", UriKind.Relative));
        Assert.Contains("Rätta registrering", form, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-02-13\"", form, StringComparison.Ordinal);
        var response = await RecordAsync(staff.AsHr, person,
            new() { ["Input.Corrects"] = wrong.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.CompletedOn"] = "2026-02-12", ["Input.ScorePercent"] = "95", ["Input.Note"] = Note + ", enligt kursintyget" },
            formPage: $"{PageOf(person)}?ratta={wrong.Id}");
        var html = await StaffSite.FollowAsync(staff.AsHr, response);

        var completions = CompletionsOf(person);
        Assert.Equal(2, completions.Count);
        var correction = completions[1];
        Assert.Equal((wrong.Id, 95, wrong.Version, CompletionSources.Manual), (correction.SupersedesId, correction.ScorePercent, correction.Version, correction.Source));
        Assert.Equal(new DateTime(2026, 2, 11, 23, 0, 0, DateTimeKind.Utc), correction.CompletedAt);
        Assert.Equal(wrong.CompletedAt, completions[0].CompletedAt); // the old record is untouched
        Assert.Contains("Rättelsen är sparad.", html, StringComparison.Ordinal);
        // newest date first: the correction (12 February) below the record it supersedes (13 February)
        var (superseded, inForce) = (CompletionRow(html, "Barn som offer", 0), CompletionRow(html, "Barn som offer", 1));
        Assert.Contains("Ersatt", superseded, StringComparison.Ordinal);
        Assert.Contains("<td class=\"nowrap\">2026-02-13</td>", superseded, StringComparison.Ordinal);
        Assert.DoesNotContain("?ratta=", superseded, StringComparison.Ordinal);
        Assert.DoesNotContain("Ersatt", inForce, StringComparison.Ordinal);
        Assert.Contains("<td class=\"nowrap\">2026-02-12</td>", inForce, StringComparison.Ordinal);
        Assert.Contains("Rättelse av registreringen från 2026-02-13", inForce, StringComparison.Ordinal);
        Assert.Contains($"?ratta={correction.Id}", inForce, StringComparison.Ordinal);
        var entry = Assert.Single(staff.EntriesAbout(person.Id), e => e.Action == AuditActions.CompletionCorrected);
        Assert.Contains("registreringen från 2026-02-13, resultat 90 % ersätts av 2026-02-12, resultat 95 %", entry.Details, StringComparison.Ordinal);

        // the superseded record cannot be corrected a second time: that would leave two records in force
        var again = await RecordAsync(staff.AsHr, person,
            new() { ["Input.Corrects"] = wrong.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.CompletedOn"] = "2026-02-14", ["Input.Note"] = Note });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["Registreringen har redan rättats. Rätta den senaste registreringen i stället."], Forms.Errors(await again.Content.ReadAsStringAsync()));
        Assert.Equal(2, CompletionsOf(person).Count);
    }

    [Fact]
    public async Task AQuizCompletion_CannotBeCorrectedHere()
    {
        var person = await staff.Site.CreateUserAsync("manuell.prov@polisen.se");
        long quizCompletion = 0;
        await staff.Site.WithServicesAsync(async services =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TrainingDbContext>(services);
            var catalogue = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Training.Web.Content.ContentCatalogue>(services);
            var completion = Training.Web.Learning.Completions.For(catalogue.Find(Module)!, person.Id, person.AgencyId, staff.Now.AddDays(-3), CompletionSources.Quiz, 85);
            db.Completions.Add(completion);
            await db.SaveChangesAsync();
            quizCompletion = completion.Id;
        });

        var page = await staff.AsHr.GetStringAsync(new Uri(PageOf(person), UriKind.Relative));
        var response = await RecordAsync(staff.AsHr, person,
            new() { ["Input.Corrects"] = quizCompletion.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.CompletedOn"] = "2026-02-12", ["Input.Note"] = Note });

        Assert.Contains("Prov", CompletionRow(page, "Barn som offer"), StringComparison.Ordinal);
        Assert.DoesNotContain("?ratta=", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(CompletionsOf(person));
    }

    /// <summary>The <paramref name="index"/>th row (newest first) of the completions table that names the module.</summary>
    private static string CompletionRow(string html, string title, int index = 0)
    {
        var table = System.Text.RegularExpressions.Regex.Match(html, "<table class=\"completions\">(.*?)</table>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(table.Success, "Sidan har ingen tabell med genomförda utbildningar.");
        var rows = System.Text.RegularExpressions.Regex.Matches(table.Groups[1].Value, "<tr[^>]*>(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).Where(r => r.Contains(title, StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count > index, $"Raden {index} för {title} finns inte:\n{table.Value}");
        return rows[index];
    }
}
