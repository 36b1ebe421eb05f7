using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Hr;

/// <summary>One site for the import tests, with HR of polisen and aklagare and an admin signed in.</summary>
public sealed class ImportSite : IAsyncLifetime
{
    public TrainingSite Site { get; } = new();

    public HttpClient PolisenHr { get; private set; } = null!;

    public HttpClient AklagareHr { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Site.StartAsync();
        await Site.CreateUserAsync("import.hr@polisen.se", "polisen", Roles.Hr);
        await Site.CreateUserAsync("import.hr@aklagare.se", "aklagare", Roles.Hr);
        await Site.CreateUserAsync("import.admin@polisen.se", "polisen", Roles.Admin);
        PolisenHr = await Site.SignInAsync("import.hr@polisen.se");
        AklagareHr = await Site.SignInAsync("import.hr@aklagare.se");
        Admin = await Site.SignInAsync("import.admin@polisen.se");
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();

    /// <summary>Uploads a file through the real form; returns the preview's URL.</summary>
    public static async Task<string> UploadAsync(HttpClient client, string csv, Dictionary<string, string>? fields = null, string fileName = "personal.csv")
    {
        var response = await Forms.PostFileAsync(client, "/hr/medarbetare/import", "Upload", fileName, Encoding.UTF8.GetBytes(csv), fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Uppladdningen gav {(int)response.StatusCode}: {string.Join(" | ", Forms.Errors(html))}");
        var url = response.Headers.Location!.OriginalString;
        Assert.Matches("^/hr/medarbetare/import/[0-9a-f]{32}$", url);
        return url;
    }

    /// <summary>Confirms the previewed import with the page's own button, then follows the result page until the import is done.</summary>
    public static async Task<string> ConfirmAsync(HttpClient client, string url)
    {
        var preview = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        var action = WebUtility.HtmlDecode(Regex.Match(preview, "action=\"([^\"]*handler=Confirm[^\"]*)\"").Groups[1].Value);
        Assert.Equal(url + "?handler=Confirm", action);
        var confirmed = await Forms.PostAsync(client, action, new Dictionary<string, string>(), formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(url, confirmed.Headers.Location?.OriginalString);
        return await ResultAsync(client, url);
    }

    /// <summary>The result page once the background import has finished (polled, as a person would press Uppdatera).</summary>
    public static async Task<string> ResultAsync(HttpClient client, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var html = await client.GetStringAsync(new Uri(url, UriKind.Relative));
            if (html.Contains("Importen är klar", StringComparison.Ordinal) || html.Contains("Importen misslyckades", StringComparison.Ordinal))
            {
                return html;
            }
            Assert.True(DateTime.UtcNow < deadline, "Importen blev inte klar inom 60 s:\n" + html);
            await Task.Delay(100);
        }
    }

    /// <summary>The counts a preview or result shows, by their Swedish label.</summary>
    public static Dictionary<string, string> Counts(string html) =>
        Regex.Matches(html, "<dt>([^<]+)</dt><dd>([^<]+)</dd>").ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => m.Groups[2].Value);

    /// <summary>The row errors a preview or result lists, as "N: reason".</summary>
    public static List<string> RowErrors(string html) =>
        Regex.Matches(html, "<tr><td class=\"number\">(\\d+)</td><td>([^<]+)</td></tr>")
            .Select(m => $"{m.Groups[1].Value}: {WebUtility.HtmlDecode(m.Groups[2].Value)}").ToList();
}

public sealed class ImportTests(ImportSite fixture) : IClassFixture<ImportSite>
{
    private readonly TrainingSite site = fixture.Site;

    /// <summary>Three good rows (2–4) and four bad ones: a bad address, one outside the agency, a bad date, an unknown job role.</summary>
    public const string ThreeGoodFourBad = """
        employee_number;name;email;unit;job_role;start_date
        I001;Ida Import;ida.import@polisen.se;Region Syd;utredare;2024-01-15
        I002;Ivar Import;ivar.import@polisen.se;;Utredare;2024-02-01
        I003;Iris Import;iris.import@polisen.se;region öst;Civilanställd;2023-12-01
        I004;Bo Fel;inte-en-adress;;utredare;2024-01-15
        I005;Fia Fel;fia.fel@gmail.com;;utredare;2024-01-15
        I006;Dan Fel;dan.fel@polisen.se;;utredare;15/01/2024
        I007;Kim Fel;kim.fel@polisen.se;;kock;2024-01-15
        """;

    public static readonly string[] FourErrors =
    [
        "5: ”inte-en-adress” är ingen giltig e-postadress",
        "6: e-postadressens domän gmail.com hör inte till myndigheten (domäner: polisen.se)",
        "7: startdatumet ”15/01/2024” är inte ett datum i formen ÅÅÅÅ-MM-DD",
        "8: befattningen ”kock” finns inte hos myndigheten",
    ];

    private int MailCount => site.Mails().Count;

    private static object Stored(User u) => (u.Name, u.Email, u.NormalizedEmail, u.UserName, u.EmployeeNumber, u.AgencyId, u.UnitId, u.JobRoleId, u.StartDate,
        u.PasswordHash, u.EmailConfirmed, u.SecurityStamp, u.ConcurrencyStamp);

    [Fact]
    public async Task PreviewThenConfirm_ImportsTheGoodRows_ReportsTheBadOnes_AndASecondRunChangesAndSendsNothing()
    {
        var mailsBefore = MailCount;

        var preview = await ImportSite.UploadAsync(fixture.PolisenHr, ThreeGoodFourBad);
        var previewHtml = await fixture.PolisenHr.GetStringAsync(new Uri(preview, UriKind.Relative));

        Assert.Contains("Förhandsgranskning", previewHtml, StringComparison.Ordinal);
        Assert.Equal("3", ImportSite.Counts(previewHtml)["Nya medarbetare"]);
        Assert.Equal("4", ImportSite.Counts(previewHtml)["Avvisade rader"]);
        Assert.Equal(FourErrors, ImportSite.RowErrors(previewHtml));
        Assert.Equal(0, site.WithDb(db => db.Users.Count(u => u.Email!.EndsWith(".import@polisen.se"))));
        Assert.Equal(mailsBefore, MailCount);

        var result = await ImportSite.ConfirmAsync(fixture.PolisenHr, preview);

        Assert.Equal(
            new Dictionary<string, string> { ["Nya medarbetare"] = "3", ["Ändrade"] = "0", ["Oförändrade"] = "0", ["Avvisade rader"] = "4", ["Inbjudningar skickade"] = "3" },
            ImportSite.Counts(result));
        Assert.Equal(FourErrors, ImportSite.RowErrors(result));
        var imported = site.WithDb(db => db.Users.Include(u => u.Agency).Include(u => u.Unit).Include(u => u.JobRole)
            .Where(u => u.Email!.EndsWith(".import@polisen.se")).OrderBy(u => u.EmployeeNumber).ToList());
        Assert.Equal(["I001", "I002", "I003"], imported.Select(u => u.EmployeeNumber));
        Assert.All(imported, u =>
        {
            Assert.Equal("polisen", u.Agency.Code);
            Assert.Null(u.PasswordHash);
            Assert.False(u.EmailConfirmed);
            Assert.Equal(u.Email!.ToUpperInvariant(), u.NormalizedEmail);
            Assert.Equal(u.Email, u.UserName);
        });
        Assert.Equal(["Region Syd", null, "Region Öst"], imported.Select(u => u.Unit?.Name));
        Assert.Equal(["Utredare", "Utredare", "Civilanställd"], imported.Select(u => u.JobRole!.Name));
        Assert.Equal(new DateOnly(2024, 1, 15), imported[0].StartDate);
        var learnerRoles = site.WithDb(db => db.UserRoles.Count(r => imported.Select(u => u.Id).Contains(r.UserId) && r.RoleId == db.Roles.Single(x => x.Name == Roles.Learner).Id));
        Assert.Equal(3, learnerRoles);
        var mails = site.Mails().Skip(mailsBefore).ToList();
        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.Contains("/konto/inbjudan?anvandare=", TrainingSite.LinkIn(m), StringComparison.Ordinal));
        var audit = site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.UsersImported).OrderBy(e => e.Id).ToList()).Last();
        Assert.Equal("import.hr@polisen.se", audit.ActorLabel);
        Assert.Equal("3 nya, 0 ändrade, 0 oförändrade och 4 avvisade rader; 3 inbjudningar att skicka.", audit.Details);
        var importId = preview.Split('/')[^1];
        Assert.False(site.WithDb(db => db.ImportFiles.Any(f => f.Id == importId)), "Den uppladdade filen ska tas bort efter importen.");

        var again = await ImportSite.UploadAsync(fixture.PolisenHr, ThreeGoodFourBad);
        var secondResult = await ImportSite.ConfirmAsync(fixture.PolisenHr, again);

        Assert.Equal(
            new Dictionary<string, string> { ["Nya medarbetare"] = "0", ["Ändrade"] = "0", ["Oförändrade"] = "3", ["Avvisade rader"] = "4", ["Inbjudningar skickade"] = "0" },
            ImportSite.Counts(secondResult));
        Assert.Equal(mailsBefore + 3, MailCount);
        Assert.Equal(3, site.WithDb(db => db.Users.Count(u => u.Email!.EndsWith(".import@polisen.se"))));
    }

    [Fact]
    public async Task ARow_MatchesByEmployeeNumberThenAddress_AndUpdatesInsteadOfDuplicating_WhileOthersAreUntouched()
    {
        var numbered = await site.CreateUserAsync("matcha.nummer@polisen.se");
        var unnumbered = await site.CreateUserAsync("matcha.adress@polisen.se");
        var absent = await site.CreateUserAsync("matcha.saknas@polisen.se");
        var elsewhere = await site.CreateUserAsync("matcha.annan@polisen.se", "aklagare");
        await site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            await db.Users.Where(u => u.Id == numbered.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmployeeNumber, "M100"));
            await db.Users.Where(u => u.Id == unnumbered.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmployeeNumber, (string?)null));
        });
        var before = site.WithDb(db => db.Users.AsNoTracking().ToDictionary(u => u.Id));
        var mailsBefore = MailCount;

        var preview = await ImportSite.UploadAsync(fixture.PolisenHr, """
            employee_number;name;email;unit;job_role;start_date
            M100;Nummer Nysson;matcha.ny.adress@polisen.se;;utredare;2022-05-01
            M200;Adress Adressdotter;Matcha.Adress@polisen.se;Region Nord;granspolis;2021-09-01
            M300;Annan Myndighet;matcha.annan@polisen.se;;utredare;2022-05-01
            """);
        var result = await ImportSite.ConfirmAsync(fixture.PolisenHr, preview);

        Assert.Equal("0", ImportSite.Counts(result)["Nya medarbetare"]);
        Assert.Equal("2", ImportSite.Counts(result)["Ändrade"]);
        Assert.Equal(["4: e-postadressen används av ett konto hos en annan myndighet"], ImportSite.RowErrors(result));
        var after = site.WithDb(db => db.Users.AsNoTracking().Include(u => u.Unit).Include(u => u.JobRole).ToDictionary(u => u.Id));
        Assert.Equal(before.Count, after.Count);

        var renamed = after[numbered.Id];
        Assert.Equal(("Nummer Nysson", "matcha.ny.adress@polisen.se", "MATCHA.NY.ADRESS@POLISEN.SE", "MATCHA.NY.ADRESS@POLISEN.SE"),
            (renamed.Name, renamed.Email, renamed.NormalizedEmail, renamed.NormalizedUserName));
        Assert.Equal(before[numbered.Id].UnitId, renamed.UnitId); // an empty unit cell keeps the stored unit
        Assert.NotEqual(before[numbered.Id].SecurityStamp, renamed.SecurityStamp);
        Assert.Equal(before[numbered.Id].PasswordHash, renamed.PasswordHash);

        var found = after[unnumbered.Id];
        Assert.Equal(("M200", "Adress Adressdotter", "Region Nord", "granspolis"), (found.EmployeeNumber, found.Name, found.Unit?.Name, found.JobRole?.Code));
        Assert.Equal(before[unnumbered.Id].NormalizedEmail, found.NormalizedEmail);

        Assert.Equal(Stored(before[absent.Id]), Stored(after[absent.Id]));
        Assert.Equal(Stored(before[elsewhere.Id]), Stored(after[elsewhere.Id]));
        Assert.Equal(mailsBefore, MailCount); // people who already have a password get no invitation

        // the renamed person signs in with the new address: Identity's normalized fields moved with it
        await site.SignInAsync("matcha.ny.adress@polisen.se");
    }

    [Fact]
    public async Task Hr_ImportsIntoTheirOwnAgency_WhateverTheFormSays()
    {
        var preview = await ImportSite.UploadAsync(fixture.PolisenHr, """
            employee_number;name;email;unit;job_role;start_date
            A1;Åsa Åklagare;asa.flytt@aklagare.se;;aklagare;2024-01-15
            A2;Pia Polis;pia.flytt@polisen.se;;utredare;2024-01-15
            """, new() { ["myndighet"] = "aklagare" });
        var html = await fixture.PolisenHr.GetStringAsync(new Uri(preview, UriKind.Relative));

        Assert.Contains("Polismyndigheten", html, StringComparison.Ordinal);
        Assert.Equal(
            ["2: e-postadressens domän aklagare.se hör inte till myndigheten (domäner: polisen.se)", "2: befattningen ”aklagare” finns inte hos myndigheten"],
            ImportSite.RowErrors(html));
        await ImportSite.ConfirmAsync(fixture.PolisenHr, preview);
        Assert.Equal("polisen", site.WithDb(db => db.Users.Where(u => u.Email == "pia.flytt@polisen.se").Select(u => u.Agency.Code).Single()));
        Assert.Equal(0, site.WithDb(db => db.Users.Count(u => u.Email == "asa.flytt@aklagare.se")));
    }

    [Fact]
    public async Task AnotherAgencysImport_IsNotFound_NeitherItsPreviewNorItsConfirmation()
    {
        var theirs = await ImportSite.UploadAsync(fixture.AklagareHr, """
            employee_number;name;email;unit;job_role;start_date
            K1;Karin Hemlig;karin.hemlig@aklagare.se;;aklagare;2024-01-15
            """);

        var look = await fixture.PolisenHr.GetAsync(new Uri(theirs, UriKind.Relative));
        var fragment = await fixture.PolisenHr.SendAsync(new HttpRequestMessage(HttpMethod.Get, theirs) { Headers = { { "HX-Request", "true" } } });
        var ownForm = await fixture.PolisenHr.GetStringAsync(new Uri("/hr/medarbetare/import", UriKind.Relative));
        var confirm = await fixture.PolisenHr.PostAsync(new Uri(theirs + "?handler=Confirm", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Forms.AntiforgeryToken(ownForm) }));

        Assert.Equal(HttpStatusCode.NotFound, look.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fragment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.DoesNotContain("Karin Hemlig", await look.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, site.WithDb(db => db.Users.Count(u => u.Email == "karin.hemlig@aklagare.se")));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.PolisenHr.GetAsync(new Uri("/hr/medarbetare/import/" + new string('0', 32), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.PolisenHr.GetAsync(new Uri("/hr/medarbetare/import/..%2F..%2Ftraining.db", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AnAdmin_ChoosesTheAgency_AndMustChooseOne()
    {
        var noAgency = await Forms.PostFileAsync(fixture.Admin, "/hr/medarbetare/import", "Upload", "a.csv", Encoding.UTF8.GetBytes("employee_number;name;email;unit;job_role;start_date\n"));
        Assert.Equal(HttpStatusCode.OK, noAgency.StatusCode);
        Assert.Contains("Välj vilken myndighet filen gäller.", Forms.Errors(await noAgency.Content.ReadAsStringAsync()));

        var preview = await ImportSite.UploadAsync(fixture.Admin, """
            employee_number;name;email;unit;job_role;start_date
            AD1;Adam Admin-Import;adam.adminimport@aklagare.se;Åklagarområde Syd;aklagare;2024-01-15
            """, new() { ["myndighet"] = "aklagare" });
        await ImportSite.ConfirmAsync(fixture.Admin, preview);

        Assert.Equal("aklagare", site.WithDb(db => db.Users.Where(u => u.Email == "adam.adminimport@aklagare.se").Select(u => u.Agency.Code).Single()));
        var theirHr = await fixture.AklagareHr.GetStringAsync(new Uri(preview, UriKind.Relative));
        Assert.Contains("Importen är klar", theirHr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInvitationLink_LetsTheNewPersonChooseAPassword_AndSignIn_Once()
    {
        var mailsBefore = MailCount;
        var preview = await ImportSite.UploadAsync(fixture.PolisenHr, """
            employee_number;name;email;unit;job_role;start_date
            INV1;Ines Inbjuden;ines.inbjuden@polisen.se;;utredare;2024-01-15
            """);
        await ImportSite.ConfirmAsync(fixture.PolisenHr, preview);
        var mail = Assert.Single(site.Mails().Skip(mailsBefore));
        Assert.Contains("To: ines.inbjuden@polisen.se", mail, StringComparison.Ordinal);
        Assert.Contains("14 dagar", mail, StringComparison.Ordinal);
        var link = TrainingSite.LinkIn(mail);

        var person = site.NewClient();
        Assert.Contains("Välj ett lösenord för ditt konto", await person.GetStringAsync(new Uri(link, UriKind.Relative)), StringComparison.Ordinal);
        var refused = await Forms.PostAsync(site.NewClient(), "/konto/logga-in", new() { ["Input.Email"] = "ines.inbjuden@polisen.se", ["Input.Password"] = "ines egen lösenfras" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // no password yet: nobody signs in as Ines

        var chosen = await Forms.PostAsync(person, link, new() { ["Input.Password"] = "ines egen lösenfras", ["Input.ConfirmPassword"] = "ines egen lösenfras" });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/konto/logga-in?meddelande=konto-klart", chosen.Headers.Location?.OriginalString);

        var signedIn = await site.SignInAsync("ines.inbjuden@polisen.se", "ines egen lösenfras");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync(new Uri("/mina-sidor", UriKind.Relative))).StatusCode);
        Assert.True(site.WithDb(db => db.Users.Single(u => u.Email == "ines.inbjuden@polisen.se").EmailConfirmed));
        Assert.Contains("Länken fungerar inte längre", await site.NewClient().GetStringAsync(new Uri(link, UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongHeader_IsOneClearErrorForTheFile_WithNothingToConfirm()
    {
        var preview = await ImportSite.UploadAsync(fixture.PolisenHr, "anställningsnummer;namn;e-post\nX1;Xena;xena@polisen.se\n");
        var html = await fixture.PolisenHr.GetStringAsync(new Uri(preview, UriKind.Relative));

        Assert.Contains("Rubrikraden saknar kolumnerna employee_number, name, email, unit, job_role, start_date.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHowTheImportWouldGoHeading_IsShownWithAPreview_AndNotForAFileThatCannotBeRead()
    {
        var unreadable = await ImportSite.UploadAsync(fixture.PolisenHr, "namn;e-post\nXena;xena@polisen.se\n");
        var readable = await ImportSite.UploadAsync(fixture.PolisenHr, ThreeGoodFourBad);

        var withoutPreview = await fixture.PolisenHr.GetStringAsync(new Uri(unreadable, UriKind.Relative));
        var withPreview = await fixture.PolisenHr.GetStringAsync(new Uri(readable, UriKind.Relative));

        Assert.DoesNotContain("Så här skulle importen gå", withoutPreview, StringComparison.Ordinal);
        Assert.DoesNotContain("Förhandsgranskning", withoutPreview, StringComparison.Ordinal);
        Assert.Contains("Filen kan inte importeras", withoutPreview, StringComparison.Ordinal);
        Assert.Contains("Så här skulle importen gå", withPreview, StringComparison.Ordinal);
        Assert.Contains("Förhandsgranskning", withPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileOverTenMegabytes_IsRefusedWithASwedishMessage()
    {
        var big = new byte[Training.Web.Pages.Hr.ImportModel.MaxFileBytes + 1];
        Array.Fill(big, (byte)'a');

        var response = await Forms.PostFileAsync(fixture.PolisenHr, "/hr/medarbetare/import", "Upload", "stor.csv", big);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Filen är större än 10 MB. Dela upp den i flera filer och importera dem var för sig.", Forms.Errors(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TheEmployeeList_LinksToTheImport_AndTheStatusComesAsAFragmentForHtmx()
    {
        var list = await fixture.PolisenHr.GetStringAsync(new Uri("/hr/medarbetare", UriKind.Relative));
        Assert.Contains("href=\"/hr/medarbetare/import\"", list, StringComparison.Ordinal);

        var preview = await ImportSite.UploadAsync(fixture.PolisenHr, "employee_number;name;email;unit;job_role;start_date\n");
        await ImportSite.ConfirmAsync(fixture.PolisenHr, preview);
        var fragment = await fixture.PolisenHr.SendAsync(new HttpRequestMessage(HttpMethod.Get, preview) { Headers = { { "HX-Request", "true" } } });
        var html = await fragment.Content.ReadAsStringAsync();

        Assert.StartsWith("<section id=\"importstatus\"", html.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("hx-trigger", html, StringComparison.Ordinal); // finished: the polling stops
        Assert.Contains("HX-Request", fragment.Headers.Vary);
    }

    [Fact]
    public async Task WhileTheImportRuns_ThePageShowsItsProgress_PollsWithHtmx_AndOffersAPlainRefreshLink()
    {
        var preview = await ImportSite.UploadAsync(fixture.PolisenHr, """
            employee_number;name;email;unit;job_role;start_date
            P1;Pia Pågår;pia.pagar@polisen.se;;utredare;2024-01-15
            """);
        string running;
        // holding the writes keeps the import at its first batch, so the running state can be looked at
        await using (await HoldImportWritesAsync())
        {
            var confirmed = await Forms.PostAsync(fixture.PolisenHr, preview + "?handler=Confirm", new Dictionary<string, string>(), formPage: preview);
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            running = await fixture.PolisenHr.GetStringAsync(new Uri(preview, UriKind.Relative));
        }

        Assert.Contains("Importen pågår", running, StringComparison.Ordinal);
        Assert.Contains($"hx-get=\"{preview}\" hx-trigger=\"every 1s\" hx-swap=\"outerHTML\"", running, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{preview}\">Uppdatera</a>", running, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", running, StringComparison.Ordinal);
        Assert.Contains("Importen är klar", await ImportSite.ResultAsync(fixture.PolisenHr, preview), StringComparison.Ordinal);
    }

    /// <summary>SQLite: this process's write queue; PostgreSQL: a lock on the people's table that lets reads through.</summary>
    private async Task<IAsyncDisposable> HoldImportWritesAsync()
    {
        if (!TestDatabase.IsPostgres)
        {
            var held = await site.Services.GetRequiredService<Training.Web.Data.Sqlite.WriteGate>().EnterAsync();
            return new Release(() => held.Dispose());
        }
        var connection = new Npgsql.NpgsqlConnection(site.Database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand("LOCK TABLE \"AspNetUsers\" IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }
        return new Release(() =>
        {
            transaction.Rollback();
            connection.Dispose();
        });
    }

    private sealed class Release(Action release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            release();
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task AnImportCutShortByARestart_CanBeStartedAgain()
    {
        var store = site.Services.GetRequiredService<Training.Web.Employees.ImportStore>();
        var id = Training.Web.Employees.ImportStore.NewId();
        var agencyId = site.WithDb(db => db.Agencies.Single(a => a.Code == "polisen").Id);
        await store.CreateAsync(new Training.Web.Employees.StoredImport
        {
            Id = id,
            AgencyId = agencyId,
            AgencyName = "Polismyndigheten",
            UploaderId = "någon",
            UploaderLabel = "import.hr@polisen.se",
            FileName = "avbruten.csv",
            UploadedAt = DateTime.UtcNow,
            State = Training.Web.Employees.ImportState.Running,
            Preview = new Training.Web.Employees.ImportResult(new Training.Web.Employees.ImportCounts(1, 0, 0, 0, 1), [], null),
        }, Encoding.UTF8.GetBytes("employee_number;name;email;unit;job_role;start_date\nR1;Rut Omstart;rut.omstart@polisen.se;;utredare;2024-01-15\n"));
        var url = "/hr/medarbetare/import/" + id;

        var interrupted = await fixture.PolisenHr.GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.Contains("Importen avbröts", interrupted, StringComparison.Ordinal);
        Assert.Contains("Starta importen igen", interrupted, StringComparison.Ordinal);

        var result = await ImportSite.ConfirmAsync(fixture.PolisenHr, url);
        Assert.Equal("1", ImportSite.Counts(result)["Nya medarbetare"]);
        Assert.Equal(1, site.WithDb(db => db.Users.Count(u => u.Email == "rut.omstart@polisen.se")));
    }

    [Fact]
    public async Task AnImportedPersonWhoLostTheInvitation_GetsANewOneFromForgottenPassword()
    {
        var preview = await ImportSite.UploadAsync(fixture.PolisenHr, """
            employee_number;name;email;unit;job_role;start_date
            F1;Frans Förlorad;frans.forlorad@polisen.se;;utredare;2024-01-15
            """);
        await ImportSite.ConfirmAsync(fixture.PolisenHr, preview);
        var mailsBefore = MailCount;

        var asked = await Forms.PostAsync(site.NewClient(), "/konto/glomt-losenord", new() { ["Input.Email"] = "frans.forlorad@polisen.se" });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var mail = Assert.Single(site.Mails().Skip(mailsBefore));
        var link = TrainingSite.LinkIn(mail);
        Assert.StartsWith("/konto/inbjudan?", link, StringComparison.Ordinal);
        var chosen = await Forms.PostAsync(site.NewClient(), link, new() { ["Input.Password"] = "frans nya lösenfras", ["Input.ConfirmPassword"] = "frans nya lösenfras" });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        await site.SignInAsync("frans.forlorad@polisen.se", "frans nya lösenfras");
    }

    [Fact]
    public async Task ALearner_MayNotImport()
    {
        await site.CreateUserAsync("import.deltagare@polisen.se");
        var learner = await site.SignInAsync("import.deltagare@polisen.se");

        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(new Uri("/hr/medarbetare/import", UriKind.Relative))).StatusCode);
    }
}
