using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Hr;

/// <summary>
/// Past completions brought in through the upload page: a preview first, then the import; good rows go in, bad ones are
/// reported by row number, and the same file again adds nothing. The clock stands at 2026-03-10 10:30 in Stockholm.
/// </summary>
public sealed class CompletionImportTests(StaffSite staff) : IClassFixture<StaffSite>
{
    /// <summary>
    /// A file for polisen with four good rows (2–5) and six bad ones, naming the people by the employee numbers and
    /// addresses <see cref="CreatePeopleAsync"/> gives them.
    /// </summary>
    public static string File(string prefix) => $"""
        employee_number;email;module_id;completed_at;score_percent;expires_at
        {prefix}-1;;barn-som-offer;2024-05-14;88;
        ;{prefix}.tva@polisen.se;barn-som-offer;2025-01-20T13:45;;
        {prefix}-1;{prefix}.ett@polisen.se;samverkan;2023-11-02;;2025-11-02
        {prefix}-2;;om-utbildningen;2022-09-01T08:00:00+02:00;100;
        {prefix}-9;;barn-som-offer;2024-05-14;;
        ;{prefix}.annan@aklagare.se;barn-som-offer;2024-05-14;;
        {prefix}-1;;kurs-som-inte-finns;2024-05-14;;
        {prefix}-1;;samverkan;2099-04-01;;
        {prefix}-2;;samverkan;2024-05-14;120;
        {prefix}-1;;barn-som-offer;2024-05-14;75;
        """;

    public static readonly string[] SixErrors =
    [
        "6: ingen medarbetare hos myndigheten har anställningsnumret",
        "7: ingen medarbetare hos myndigheten har e-postadressen",
        "8: modulen ”kurs-som-inte-finns” finns inte",
        "9: datumet 2099-04-01 har inte inträffat än",
        "10: resultatet ”120” är inte ett heltal från 0 till 100",
        "11: samma genomförande som rad 2",
    ];

    /// <summary>Two people of polisen ({prefix}-1 and -2) and one of aklagare whose address the file names.</summary>
    public static async Task<(User One, User Two)> CreatePeopleAsync(TrainingSite site, string prefix)
    {
        var one = await site.CreateUserAsync($"{prefix}.ett@polisen.se");
        var two = await site.CreateUserAsync($"{prefix}.tva@polisen.se");
        await site.CreateUserAsync($"{prefix}.annan@aklagare.se", "aklagare");
        await site.WithServicesAsync(async services =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TrainingDbContext>(services);
            await db.Users.Where(u => u.Id == one.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmployeeNumber, $"{prefix}-1"));
            await db.Users.Where(u => u.Id == two.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmployeeNumber, $"{prefix}-2"));
        });
        return (one, two);
    }

    private static async Task<string> UploadAsync(HttpClient client, string csv, Dictionary<string, string>? fields = null)
    {
        var response = await Forms.PostFileAsync(client, "/hr/genomforanden/import", "Upload", "tidigare.csv", Encoding.UTF8.GetBytes(csv), fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Uppladdningen gav {(int)response.StatusCode}: {string.Join(" | ", Forms.Errors(await response.Content.ReadAsStringAsync()))}");
        var url = response.Headers.Location!.OriginalString;
        Assert.Matches("^/hr/genomforanden/import/[0-9a-f]{32}$", url);
        return url;
    }

    private static async Task<string> ConfirmAsync(HttpClient client, string url)
    {
        var preview = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        var action = WebUtility.HtmlDecode(Regex.Match(preview, "action=\"([^\"]*handler=Confirm[^\"]*)\"").Groups[1].Value);
        Assert.Equal(url + "?handler=Confirm", action);
        var confirmed = await Forms.PostAsync(client, action, new Dictionary<string, string>(), formPage: url);
        Assert.Equal(url, confirmed.Headers.Location?.OriginalString);
        return await client.GetStringAsync(new Uri(url, UriKind.Relative));
    }

    private List<Completion> ImportedFor(params User[] people)
    {
        var ids = people.Select(p => p.Id).ToList();
        return staff.Site.WithDb(db => db.Completions.AsNoTracking().Where(c => ids.Contains(c.UserId)).OrderBy(c => c.CompletedAt).ToList());
    }

    [Fact]
    public async Task PreviewThenImport_AddsTheGoodRows_ReportsTheBadByRowNumber_AndTheSameFileAgainAddsNothing()
    {
        var (one, two) = await CreatePeopleAsync(staff.Site, "sida");

        var preview = await UploadAsync(staff.AsHr, File("sida"));
        var previewHtml = await staff.AsHr.GetStringAsync(new Uri(preview, UriKind.Relative));

        Assert.Contains("Förhandsgranskning", previewHtml, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string> { ["Genomföranden som läggs till"] = "4", ["Fanns redan"] = "0", ["Avvisade rader"] = "6" }, ImportSite.Counts(previewHtml));
        Assert.Equal(SixErrors, ImportSite.RowErrors(previewHtml));
        Assert.Empty(ImportedFor(one, two));

        var result = await ConfirmAsync(staff.AsHr, preview);

        Assert.Contains("Importen är klar", result, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string> { ["Tillagda genomföranden"] = "4", ["Fanns redan"] = "0", ["Avvisade rader"] = "6" }, ImportSite.Counts(result));
        Assert.Equal(SixErrors, ImportSite.RowErrors(result));
        var imported = ImportedFor(one, two);
        Assert.Equal(
            [
                (two.Id, "om-utbildningen", new DateTime(2022, 9, 1, 6, 0, 0, DateTimeKind.Utc), (int?)100, (DateTime?)null),
                (one.Id, "samverkan", new DateTime(2023, 11, 1, 23, 0, 0, DateTimeKind.Utc), null, new DateTime(2025, 11, 1, 23, 0, 0, DateTimeKind.Utc)),
                (one.Id, "barn-som-offer", new DateTime(2024, 5, 13, 22, 0, 0, DateTimeKind.Utc), 88, new DateTime(2026, 5, 13, 22, 0, 0, DateTimeKind.Utc)),
                (two.Id, "barn-som-offer", new DateTime(2025, 1, 20, 12, 45, 0, DateTimeKind.Utc), null, new DateTime(2027, 1, 20, 12, 45, 0, DateTimeKind.Utc)),
            ],
            imported.Select(c => (c.UserId, c.ModuleId, c.CompletedAt, c.ScorePercent, c.ExpiresAt)));
        Assert.All(imported, c => Assert.Equal((CompletionSources.Import, staff.Hr.Id, "Importerad från filen tidigare.csv"), (c.Source, c.RecordedById, c.Note)));
        var entry = staff.Site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.CompletionsImported && e.ActorId == staff.Hr.Id).OrderBy(e => e.Id).ToList()).Last();
        Assert.Equal(("polisen", "Filen tidigare.csv: 4 genomförda utbildningar tillagda, 0 fanns redan, 6 avvisade rader."), (entry.SubjectId, entry.Details));

        // the employee page lists them as imported, with who imported them
        var page = await staff.AsHr.GetStringAsync(new Uri("/hr/medarbetare/" + one.Id, UriKind.Relative));
        Assert.Contains("Importerad", page, StringComparison.Ordinal);
        Assert.Contains("Importerad från filen tidigare.csv", page, StringComparison.Ordinal);

        var again = await UploadAsync(staff.AsHr, File("sida"));
        var againPreview = await staff.AsHr.GetStringAsync(new Uri(again, UriKind.Relative));
        // row 11 repeated row 2 within the file; now it equals a stored completion as well
        Assert.Equal(new Dictionary<string, string> { ["Genomföranden som läggs till"] = "0", ["Fanns redan"] = "5", ["Avvisade rader"] = "5" }, ImportSite.Counts(againPreview));
        Assert.Contains("hoppas över: 2, 3, 4, 5, 11", againPreview, StringComparison.Ordinal);
        var againResult = await ConfirmAsync(staff.AsHr, again);
        Assert.Equal(new Dictionary<string, string> { ["Tillagda genomföranden"] = "0", ["Fanns redan"] = "5", ["Avvisade rader"] = "5" }, ImportSite.Counts(againResult));
        Assert.Equal(SixErrors[..5], ImportSite.RowErrors(againResult));
        Assert.Equal(imported.Select(c => c.Id), ImportedFor(one, two).Select(c => c.Id));
    }

    [Fact]
    public async Task HrOfAnotherAgency_ImportsOnlyIntoTheirOwn_AndCannotSeeThisUpload()
    {
        var (one, _) = await CreatePeopleAsync(staff.Site, "grans");
        var upload = await UploadAsync(staff.AsHr, File("grans"));

        var page = await staff.AsOtherHr.GetAsync(new Uri(upload, UriKind.Relative));
        var confirm = await Forms.PostAsync(staff.AsOtherHr, upload + "?handler=Confirm", new Dictionary<string, string>(), formPage: "/hr/genomforanden/import");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Empty(ImportedFor(one));

        // their own upload of the same file, whatever agency the form names, goes to their agency: of polisen's people
        // they find no one, only their own colleague on row 7
        var own = await UploadAsync(staff.AsOtherHr, File("grans"), new() { ["myndighet"] = "polisen" });
        var preview = await staff.AsOtherHr.GetStringAsync(new Uri(own, UriKind.Relative));
        Assert.Contains("Åklagarmyndigheten", preview, StringComparison.Ordinal);
        Assert.Equal("1", ImportSite.Counts(preview)["Genomföranden som läggs till"]);
        var errors = ImportSite.RowErrors(preview);
        Assert.Contains("2: ingen medarbetare hos myndigheten har anställningsnumret", errors);
        Assert.Contains("3: ingen medarbetare hos myndigheten har e-postadressen", errors);
        Assert.DoesNotContain(errors, e => e.StartsWith("7:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFileWithoutAPersonColumn_IsOneClearError_AndCannotBeImported()
    {
        var upload = await UploadAsync(staff.AsHr, "module_id;completed_at\nbarn-som-offer;2024-05-14\n");

        var html = await staff.AsHr.GetStringAsync(new Uri(upload, UriKind.Relative));

        Assert.Contains("Filen kan inte importeras", html, StringComparison.Ordinal);
        Assert.Contains("Rubrikraden ska ha kolumnen employee_number eller email (eller båda).", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdmin_ChoosesTheAgency()
    {
        var missing = await Forms.PostFileAsync(staff.AsAdmin, "/hr/genomforanden/import", "Upload", "tidigare.csv", Encoding.UTF8.GetBytes(File("admin")));

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal(["Välj vilken myndighet filen gäller."], Forms.Errors(await missing.Content.ReadAsStringAsync()));

        var upload = await UploadAsync(staff.AsAdmin, File("admin"), new() { ["myndighet"] = "aklagare" });
        Assert.Contains("Åklagarmyndigheten", await staff.AsAdmin.GetStringAsync(new Uri(upload, UriKind.Relative)), StringComparison.Ordinal);
    }
}
