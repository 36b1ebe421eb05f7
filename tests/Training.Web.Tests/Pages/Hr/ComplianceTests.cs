using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Training.Core.Reports;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Hr;

/// <summary>
/// The overview, the people behind its numbers and the export, for a seeded case at polisen: one person who completed
/// the required module (their name holds ';', '"' and a line break), people whose names are formula vectors, a manager
/// of one unit, and HR of another agency.
/// </summary>
public sealed class ComplianceTests : IAsyncLifetime
{
    private const string Module = "vad-ar-manniskohandel";
    private const string TrickyName = "Åsa \"Bo\"; Öberg\nandra raden";
    private static readonly string[] Vectors = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tTabb", "\rVagnretur"];

    private readonly TrainingSite site = new() { Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero)) };
    private HttpClient hr = null!, otherHr = null!, manager = null!, learner = null!, admin = null!;
    private User done = null!;
    private ModuleVersion version = null!;
    private int mitt;

    public async Task InitializeAsync()
    {
        await site.StartAsync();
        await site.CreateUserAsync("hr.oversikt@polisen.se", "polisen", Roles.Hr);
        await site.CreateUserAsync("hr.oversikt@aklagare.se", "aklagare", Roles.Hr);
        await site.CreateUserAsync("admin.oversikt@polisen.se", "polisen", Roles.Admin);
        await site.CreateUserAsync("larande.oversikt@polisen.se");
        var boss = await site.CreateUserAsync("chef.oversikt@polisen.se", "polisen", Roles.Manager);
        done = await site.CreateUserAsync("asa.oberg@polisen.se");
        var vectorPeople = new List<User>();
        foreach (var (vector, i) in Vectors.Select((v, i) => (v, i)))
        {
            vectorPeople.Add(await site.CreateUserAsync($"vektor{i}@polisen.se"));
        }
        await site.CreateUserAsync("annan.person@aklagare.se", "aklagare");
        await site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            var polisen = await db.Agencies.SingleAsync(a => a.Code == "polisen");
            mitt = await db.Units.Where(u => u.AgencyId == polisen.Id && u.Name == "Region Mitt").Select(u => u.Id).SingleAsync();
            version = await db.ModuleVersions.Where(v => v.ModuleId == Module).OrderByDescending(v => v.Id).FirstAsync();
            foreach (var agency in await db.Agencies.Where(a => a.Code == "polisen" || a.Code == "aklagare").ToListAsync())
            {
                db.Requirements.Add(new Requirement { AgencyId = agency.Id, ModuleId = Module, DueWithinDays = 30, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
            }
            var person = await db.Users.SingleAsync(u => u.Id == done.Id);
            person.Name = TrickyName;
            person.UnitId = mitt;
            person.EmployeeNumber = "=HYPERLINK(\"http://x\")";
            foreach (var (user, vector) in vectorPeople.Zip(Vectors))
            {
                (await db.Users.SingleAsync(u => u.Id == user.Id)).Name = vector;
            }
            db.ManagerUnits.Add(new ManagerUnit { UserId = boss.Id, UnitId = mitt });
            db.Completions.Add(new Completion
            {
                UserId = done.Id, AgencyId = polisen.Id, ModuleId = Module, ModuleVersionId = version.Id, Version = version.Version,
                ContentHash = version.ContentHash, CompletedAt = new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc), ScorePercent = 90,
                ExpiresAt = new DateTime(2027, 2, 1, 10, 0, 0, DateTimeKind.Utc), Source = CompletionSources.Quiz, VerificationCode = "ABCD-EFGH-JKLM",
            });
            await db.SaveChangesAsync();
        });
        done = site.WithDb(db => db.Users.Include(u => u.JobRole).Single(u => u.Id == done.Id));
        hr = await site.SignInAsync("hr.oversikt@polisen.se");
        otherHr = await site.SignInAsync("hr.oversikt@aklagare.se");
        admin = await site.SignInAsync("admin.oversikt@polisen.se");
        manager = await site.SignInAsync("chef.oversikt@polisen.se");
        learner = await site.SignInAsync("larande.oversikt@polisen.se");
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    private string[] ExpectedRow() =>
    [
        "polisen", "Region Mitt", "'=HYPERLINK(\"http://x\")", TrickyName, "asa.oberg@polisen.se", done.JobRole!.Name, Module, version.Title,
        version.Version, version.ContentHash, "completed", "2026-01-31", "2026-02-01T10:00:00Z", "90", "2027-02-01T10:00:00Z", "quiz", "ABCD-EFGH-JKLM",
    ];

    private static async Task<HttpResponseMessage> ExportAsync(HttpClient client, string format, string? agency = null) =>
        await Forms.PostAsync(client, "/hr/export", new Dictionary<string, string> { ["format"] = format, ["myndighet"] = agency ?? "" });

    [Fact]
    public async Task Csv_HasDesignsColumns_TheSeededRow_NeutralisedFormulas_AndNoStore()
    {
        var response = await ExportAsync(hr, "csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("agency_code;unit;employee_number;name;email;job_role;module_id;module_title;module_version;content_hash;status;due_at;completed_at;score_percent;expires_at;source;certificate_code\r\n", text, StringComparison.Ordinal);
        var rows = CsvLines.Read(text);
        Assert.Equal(ExpectedRow(), rows.Single(r => r[4] == "asa.oberg@polisen.se"));
        var names = rows.Select(r => r[3]).ToHashSet();
        foreach (var vector in Vectors)
        {
            Assert.Contains("'" + vector, names);
            Assert.DoesNotContain(vector, names);
        }
        Assert.DoesNotContain(rows, r => r[0] != "polisen" && r[0] != "agency_code");
        Assert.Contains(site.WithDb(db => db.AuditEntries.Where(e => e.Action == "exported").Select(e => e.Details).ToList()),
            d => d!.Contains("(csv)", StringComparison.Ordinal) && d.Contains($"{rows.Count - 1} rader", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_OfOneUnit_IsTheWholeExportsRowsOfThatUnit_AndNoOneElses()
    {
        // People are read in batches by a range of user ids: the unit's export must hold its own people with their own rows only.
        var whole = CsvLines.Read((await (await ExportAsync(hr, "csv")).Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        var response = await Forms.PostAsync(hr, "/hr/export", new Dictionary<string, string> { ["format"] = "csv", ["enhet"] = $"{mitt}" });
        var unit = CsvLines.Read((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));

        Assert.Equal(whole.Where(r => r[1] == "Region Mitt").Select(r => string.Join('|', r)), unit.Skip(1).Select(r => string.Join('|', r)));
        Assert.Contains(unit, r => r[4] == "asa.oberg@polisen.se" && r[10] == "completed");
        Assert.True(whole.Count > unit.Count);
    }

    [Fact]
    public async Task Xlsx_ReadBack_HasTheSameRow_TypedCells_AFrozenHeader_AnAutofilter_AndNoFormulas()
    {
        var response = await ExportAsync(hr, "xlsx");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheetPart = document.WorkbookPart!.WorksheetParts.Single();
        var sheet = sheetPart.Worksheet;
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
        string TextOf(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";

        Assert.Equal(Training.Web.Learning.CompletionExport.Columns, rows[0].Select(TextOf));
        var row = rows.Single(r => TextOf(r[4]) == "asa.oberg@polisen.se");
        var expected = ExpectedRow();
        foreach (var i in new[] { 0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 15, 16 })
        {
            Assert.Equal(expected[i], TextOf(row[i]));
        }
        Assert.Equal(new DateTime(2026, 1, 31), DateTime.FromOADate(double.Parse(row[11].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new DateTime(2026, 2, 1, 10, 0, 0), DateTime.FromOADate(double.Parse(row[12].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("90", row[13].CellValue!.Text);
        Assert.Equal(CellValues.Number, row[13].DataType!.Value);
        Assert.Empty(sheet.Descendants<CellFormula>());
        foreach (var vector in Vectors)
        {
            // XML reads a carriage return back as a line feed; what matters is the apostrophe before it
            var asRead = vector.Replace('\r', '\n');
            Assert.Contains(rows, r => TextOf(r[3]).Replace('\r', '\n') == "'" + asRead);
            Assert.DoesNotContain(rows, r => TextOf(r[3]).Replace('\r', '\n') == asRead);
        }
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.PaneStateValues.Frozen, sheet.Descendants<Pane>().Single().State!.Value);
        Assert.Equal($"A1:Q{rows.Count}", sheet.Descendants<AutoFilter>().Single().Reference!.Value);
    }

    [Fact]
    public async Task Json_IsAnArrayOfObjects_WithTheSameFields()
    {
        var response = await ExportAsync(hr, "json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var row = json.RootElement.EnumerateArray().Single(r => r.GetProperty("email").GetString() == "asa.oberg@polisen.se");
        Assert.Equal(Training.Web.Learning.CompletionExport.Columns, row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(TrickyName, row.GetProperty("name").GetString());
        Assert.Equal(90, row.GetProperty("score_percent").GetInt32());
        Assert.Equal("2026-02-01T10:00:00Z", row.GetProperty("completed_at").GetString());
        Assert.Equal("completed", row.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Scope_HrOfAnotherAgency_ManagersAndLearners_GetOnlyWhatIsTheirs()
    {
        // HR of aklagare: asking for polisen is not found, on every page and fragment
        foreach (var url in new[] { "/hr?myndighet=polisen", "/hr?handler=Trend&myndighet=polisen", "/hr/export?myndighet=polisen", "/hr/medarbetare?myndighet=polisen&status=overdue", $"/hr/medarbetare/{done.Id}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherHr.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await ExportAsync(otherHr, "csv", "polisen")).StatusCode);
        var own = await (await ExportAsync(otherHr, "csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("polisen", own, StringComparison.Ordinal);
        Assert.Contains("annan.person@aklagare.se", own, StringComparison.Ordinal);
        var unitOfPolisen = await otherHr.GetStringAsync(new Uri($"/hr/medarbetare?enhet={mitt}&status=completed", UriKind.Relative));
        Assert.DoesNotContain("asa.oberg", unitOfPolisen, StringComparison.Ordinal);

        // a manager sees their unit only, and may not export
        var overview = await manager.GetStringAsync(new Uri("/hr", UriKind.Relative));
        Assert.Contains("Region Mitt", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Region Bergslagen", overview, StringComparison.Ordinal);
        var people = await manager.GetStringAsync(new Uri("/hr/medarbetare?status=completed", UriKind.Relative));
        Assert.Contains("asa.oberg", people.Replace("&#xA;", "", StringComparison.Ordinal) + await manager.GetStringAsync(new Uri($"/hr/medarbetare/{done.Id}", UriKind.Relative)), StringComparison.Ordinal);
        var everyone = await manager.GetStringAsync(new Uri("/hr/medarbetare", UriKind.Relative));
        Assert.DoesNotContain("vektor0", everyone, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(new Uri($"/hr/medarbetare/{site.WithDb(db => db.Users.Single(u => u.Email == "vektor0@polisen.se").Id)}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(new Uri("/hr/export", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(new Uri("/hr/medarbetare/import", UriKind.Relative))).StatusCode);

        // a learner gets 403 everywhere
        foreach (var url in new[] { "/hr", "/hr/medarbetare", "/hr/export", "/hr?handler=Trend" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task Overview_CountsAndLinksToThePeopleBehindEachNumber_AndSwapsInPlaceWithHtmx()
    {
        var html = await hr.GetStringAsync(new Uri($"/hr?modul={Module}", UriKind.Relative));
        Assert.Contains("<svg role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/hr/medarbetare?modul={Module}&amp;status=overdue\"", html, StringComparison.Ordinal);

        var overdue = await hr.GetStringAsync(new Uri($"/hr/medarbetare?modul={Module}&status=overdue", UriKind.Relative));
        Assert.Contains("vektor0", site.WithDb(db => db.Users.Single(u => u.Email == "vektor0@polisen.se").Id) is var id ? overdue.Replace(id, "vektor0", StringComparison.Ordinal) : overdue, StringComparison.Ordinal);
        Assert.DoesNotContain(done.Id, overdue, StringComparison.Ordinal);
        var completed = await hr.GetStringAsync(new Uri($"/hr/medarbetare?status=compliant", UriKind.Relative));
        Assert.Contains(done.Id, completed, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/hr?enhet={mitt}", UriKind.Relative));
        request.Headers.Add("HX-Request", "true");
        var fragment = await (await hr.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.StartsWith("<div id=\"oversikt\"", fragment.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragment, StringComparison.Ordinal);
        Assert.Contains("100 %", fragment, StringComparison.Ordinal); // Åsa is the one person of Region Mitt with the requirement, and compliant

        var admins = await admin.GetStringAsync(new Uri("/hr?myndighet=aklagare", UriKind.Relative));
        Assert.Contains("Åklagarmyndigheten", admins, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trend_ShowsTwelveMonths_AndCountsTheCompletionFromTheMonthItWasMade()
    {
        var html = await hr.GetStringAsync(new Uri($"/hr?handler=Trend&enhet={mitt}", UriKind.Relative));

        Assert.Contains("2025-04", html, StringComparison.Ordinal);
        Assert.Contains("2026-03", html, StringComparison.Ordinal);
        // Region Mitt: Åsa alone; not compliant at the end of January, compliant from February
        Assert.Matches(@"2026-01</th>\s*<td class=""number"">1</td>\s*<td class=""number"">0</td>", html);
        Assert.Matches(@"2026-02</th>\s*<td class=""number"">1</td>\s*<td class=""number"">1</td>", html);
    }
}
