using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Audit;
using Training.Web.Commands;
using Training.Web.Content;
using Training.Core.Competence;
using Training.Core.Employees;
using Training.Web.Data;
using Training.Web.Employees;
using Training.Web.Learning;
using Training.Web.Privacy;

namespace Training.Web.Tests.Pages.Privacy;

/// <summary>
/// A learner downloads what is held about them; people who left longer ago than their agency's retention period are
/// anonymised from the agency page or the command line, leaving no personal field behind and every completion counted.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public class PersonalDataTests(StaffSite staff) : IClassFixture<StaffSite>
{
    private const string ModuleId = "vad-ar-manniskohandel";

    private TrainingSite Site => staff.Site;

    private async Task<Completion> CompleteAsync(User user, int score = 90)
    {
        var module = Site.Services.GetRequiredService<ContentCatalogue>().Find(ModuleId)!;
        var completion = Completions.For(module, user.Id, user.AgencyId, staff.Now.AddDays(-30), CompletionSources.Quiz, score);
        await Site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            db.Completions.Add(completion);
            await db.SaveChangesAsync();
        });
        return completion;
    }

    /// <summary>
    /// What a member of staff leaves besides their account: an employee import they uploaded, whose preview refused rows
    /// quoting their employee number and address, a completions import they uploaded, and a module version they published.
    /// </summary>
    private async Task LeaveTracesAsStaffAsync(User person) => await Site.WithServicesAsync(async services =>
    {
        var db = services.GetRequiredService<TrainingDbContext>();
        ImportReason Quoting(string template, string value) => new(template, [value]);
        db.EmployeeImports.Add(new StoredImport
        {
            Id = Guid.NewGuid().ToString("N"), AgencyId = person.AgencyId, AgencyName = "Polismyndigheten", UploaderId = person.Id,
            UploaderLabel = person.Email!, FileName = "anstallda.csv", UploadedAt = staff.Now.AddDays(-600), State = ImportState.Done,
            Preview = new ImportResult(new ImportCounts(0, 0, 0, 3, 0),
                [
                    new RowError(2, Quoting(ImportReasons.EmailInvalid, person.Email!)),
                    new RowError(3, Quoting(ImportReasons.EmailInvalid, "annan@@polisen.se")),
                    new RowError(4, new ImportReason(ImportReasons.EmployeeNumberTwice, [person.EmployeeNumber!, "7"])),
                ], null),
        });
        db.CompletionUploads.Add(new CompletionUpload
        {
            Id = Guid.NewGuid().ToString("N"), AgencyId = person.AgencyId, AgencyName = "Polismyndigheten", UploaderId = person.Id,
            UploaderLabel = person.Email!, FileName = "genomforanden.csv", UploadedAt = staff.Now.AddDays(-600),
            Result = new CompletionImportResult(0, [], [new RowError(2, new ImportReason(CompletionReasons.EmployeeNumberUnknown, []))], null),
        });
        await db.SaveChangesAsync();
        var version = await db.ModuleVersions.Where(v => v.ModuleId == ModuleId).MaxAsync(v => v.Id);
        await db.ModuleVersions.Where(v => v.Id == version)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.PublishedById, person.Id).SetProperty(v => v.PublishedByLabel, person.Email));
    });

    /// <summary>A completion HR recorded for <paramref name="user"/>, with its evidence note.</summary>
    private async Task RecordWithNoteAsync(User user, string note)
    {
        var module = Site.Services.GetRequiredService<ContentCatalogue>().Find(ModuleId)!;
        var recordedBy = Site.WithDb(db => db.Users.Single(u => u.Email == StaffSite.AdminEmail).Id);
        await Site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            db.Completions.Add(Completions.Recorded(CompletedVersion.Of(module), user.Id, user.AgencyId, staff.Now.AddDays(-500),
                CompletionSources.Manual, recordedBy, note));
            await db.SaveChangesAsync();
        });
    }

    /// <summary>A person of polisen who has left: deactivated the given time before now, with a completion and audit entries naming them.</summary>
    private async Task<User> LeaverAsync(string email, TimeSpan leftAgo)
    {
        var user = await Site.CreateUserAsync(email);
        await CompleteAsync(user);
        await Site.SignInAsync(email); // a session
        var wrong = await Forms.PostAsync(Site.NewClient(), "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = "fel lösenord helt och hållet" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode); // an audit entry labelled with the address
        await Site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.IsActive, false)
                .SetProperty(u => u.DeactivatedAt, staff.Now - leftAgo));
        });
        return user;
    }

    private async Task SetRetentionAsync(string months)
    {
        var response = await Forms.PostAsync(staff.AsAdmin, "/admin/myndigheter/polisen?handler=Retention", new() { ["retentionMonths"] = months }, "/admin/myndigheter/polisen");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", Forms.Errors(await response.Content.ReadAsStringAsync())));
    }

    private Dictionary<string, int> CompletionsPerModule() =>
        Site.WithDb(db => db.Completions.GroupBy(c => c.ModuleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionary(g => g.Key, g => g.Count));

    /// <summary>Every text column of every table that holds <paramref name="value"/>, as "table.column".</summary>
    private List<string> WhereFound(string value) => Site.WithDb(db =>
    {
        var found = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            // Text columns, including values stored as JSON text (an import's preview and result).
            foreach (var property in entity.GetProperties().Where(p => (p.GetValueConverter()?.ProviderClrType ?? p.ClrType) == typeof(string)))
            {
                var column = property.GetColumnName();
                // Names from the model, not from input; the value travels as a parameter.
                var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\" WHERE \"" + column + "\" LIKE {0}";
                var count = db.Database.SqlQueryRaw<int>(sql, $"%{value}%").Single();
                if (count > 0)
                {
                    found.Add($"{table}.{column}");
                }
            }
        }
        return found.Distinct().ToList();
    });

    [Fact]
    public async Task ALearner_DownloadsTheirData_AsJson_WithoutSecrets_AndTheDownloadIsAudited()
    {
        var user = await Site.CreateUserAsync("mina.uppgifter@polisen.se");
        var completion = await CompleteAsync(user, 85);
        var client = await Site.SignInAsync("mina.uppgifter@polisen.se");

        var page = await client.GetAsync(new Uri("/mina-sidor", UriKind.Relative));
        Assert.Contains("href=\"/mina-sidor/mina-uppgifter\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var response = await Forms.PostAsync(client, "/mina-sidor/mina-uppgifter", new());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal("mina.uppgifter@polisen.se", root.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(user.EmployeeNumber, root.GetProperty("account").GetProperty("employeeNumber").GetString());
        Assert.Equal("polisen", root.GetProperty("agency").GetProperty("code").GetString());
        var completed = Assert.Single(root.GetProperty("completions").EnumerateArray());
        Assert.Equal(ModuleId, completed.GetProperty("module").GetString());
        Assert.Equal(85, completed.GetProperty("scorePercent").GetInt32());
        Assert.Equal(completion.VerificationCode, completed.GetProperty("certificate").GetProperty("verificationCode").GetString());
        Assert.True(root.GetProperty("sessions").GetArrayLength() >= 1);
        Assert.Contains(root.GetProperty("auditEntries").EnumerateArray(), e => e.GetProperty("action").GetString() == AuditActions.DataDownloaded);

        var stored = Site.WithDb(db => db.Users.AsNoTracking().Single(u => u.Id == user.Id));
        Assert.DoesNotContain(stored.PasswordHash!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.SecurityStamp!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("ticket", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("keyHash", text, StringComparison.OrdinalIgnoreCase);
        var entry = Assert.Single(staff.EntriesAbout(user.Id), e => e.Action == AuditActions.DataDownloaded);
        Assert.Equal("mina.uppgifter@polisen.se", entry.ActorLabel);
    }

    [Fact]
    public async Task TheDataDownload_NeedsASignedInPerson()
    {
        var response = await Site.NewClient().GetAsync(new Uri("/mina-sidor/mina-uppgifter", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/konto/logga-in", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Anonymising_FromTheAgencyPage_LeavesNoPersonalFieldOfWhoLeftLongAgo_KeepsEveryCompletion_AndIsAudited()
    {
        var leaver = await LeaverAsync("lamnade.for.lange.sedan@polisen.se", TimeSpan.FromDays(400));
        var recent = await LeaverAsync("lamnade.nyss@polisen.se", TimeSpan.FromDays(20));
        await RecordWithNoteAsync(leaver, $"Klassrumskurs; intyget visat av {leaver.Name}, {leaver.EmployeeNumber}");
        await RecordWithNoteAsync(recent, "Klassrumskurs, Polishögskolan");
        await LeaveTracesAsStaffAsync(leaver);
        var before = CompletionsPerModule();
        Assert.NotEmpty(WhereFound("lamnade.for.lange.sedan@polisen.se"));

        await SetRetentionAsync("12");
        var page = await (await staff.AsAdmin.GetAsync(new Uri("/admin/myndigheter/polisen", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("har slutat för längre sedan än gallringstiden", page, StringComparison.Ordinal);
        var response = await Forms.PostAsync(staff.AsAdmin, "/admin/myndigheter/polisen?handler=Anonymise", new(), "/admin/myndigheter/polisen");
        var after = await StaffSite.FollowAsync(staff.AsAdmin, response);

        Assert.Contains("anonymiserades", after, StringComparison.Ordinal);
        foreach (var personal in new[] { "lamnade.for.lange.sedan", leaver.Name, leaver.EmployeeNumber! })
        {
            Assert.True(WhereFound(personal).Count == 0, $"'{personal}' finns kvar i {string.Join(", ", WhereFound(personal))}");
        }
        var anonymous = Site.WithDb(db => db.Users.AsNoTracking().Single(u => u.Id == leaver.Id));
        Assert.Equal(Anonymisation.Label, anonymous.Name);
        Assert.Null(anonymous.Email);
        Assert.Null(anonymous.PasswordHash);
        Assert.NotNull(anonymous.AnonymisedAt);
        Assert.Equal(0, Site.WithDb(db => db.AuthSessions.Count(s => s.UserId == leaver.Id) + db.UserRoles.Count(r => r.UserId == leaver.Id)));
        Assert.Equal(before, CompletionsPerModule());
        Assert.Equal(2, Site.WithDb(db => db.Completions.Count(c => c.UserId == leaver.Id)));
        Assert.Equal(CompletionSources.Manual, Site.WithDb(db => db.Completions.Single(c => c.UserId == leaver.Id && c.RecordedById != null).Source));
        Assert.Equal("Klassrumskurs, Polishögskolan", Site.WithDb(db => db.Completions.Single(c => c.UserId == recent.Id && c.RecordedById != null).Note));
        var import = Site.WithDb(db => db.EmployeeImports.AsNoTracking().Single(i => i.UploaderId == leaver.Id));
        Assert.Equal(Anonymisation.Label, import.UploaderLabel);
        Assert.Equal([[Anonymisation.Label], ["annan@@polisen.se"], [Anonymisation.Label, "7"]], import.Preview.Errors.Select(e => e.Reason.Values.ToArray()));
        Assert.Equal(3, import.Preview.Counts.Rejected);
        Assert.Equal(Anonymisation.Label, Site.WithDb(db => db.CompletionUploads.AsNoTracking().Single(u => u.UploaderId == leaver.Id).UploaderLabel));

        // Who left a month ago is still themselves.
        Assert.NotEmpty(WhereFound("lamnade.nyss@polisen.se"));
        Assert.Null(Site.WithDb(db => db.Users.Single(u => u.Id == recent.Id).AnonymisedAt));

        var entry = staff.EntriesAbout("polisen").Last(e => e.Action == AuditActions.Anonymised);
        Assert.Equal(StaffSite.AdminEmail, entry.ActorLabel);
        Assert.Contains("personer som slutat för mer än 12 månader sedan anonymiserades", entry.Details, StringComparison.Ordinal);
        Assert.Matches(@"^[1-9]\d* personer", entry.Details!);
    }

    [Fact]
    public async Task TheVerb_CountsInADryRun_ThenAnonymises_AndASecondRunFindsNoOne()
    {
        var leaver = await LeaverAsync("verbet.lamnade@polisen.se", TimeSpan.FromDays(800));
        await SetRetentionAsync("24");

        async Task<(int Exit, string Output)> RunAsync(params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            using (new EnvironmentVariables(new Dictionary<string, string>
            {
                ["Database__Provider"] = Site.Database.Provider.ToString(), ["ConnectionStrings__Training"] = Site.Database.ConnectionString,
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["Content__Path"] = RepositoryPaths.Content,
            }))
            {
                var exit = await Verbs.RunAsync(["privacy", "anonymise", .. args], output, error);
                return (exit, output + error.ToString());
            }
        }

        var dry = await RunAsync("--agency", "polisen", "--dry-run");
        Assert.Equal(0, dry.Exit);
        Assert.Matches(@"polisen \(gallringstid 24 månader\): [1-9]\d* skulle anonymiseras\.", dry.Output);
        Assert.Null(Site.WithDb(db => db.Users.Single(u => u.Id == leaver.Id).AnonymisedAt));

        var run = await RunAsync("--agency", "polisen");
        Assert.Matches(@"polisen \(gallringstid 24 månader\): [1-9]\d* anonymiserades\.", run.Output);
        Assert.NotNull(Site.WithDb(db => db.Users.Single(u => u.Id == leaver.Id).AnonymisedAt));

        var again = await RunAsync("--agency", "polisen");
        Assert.Contains("polisen (gallringstid 24 månader): 0 anonymiserades.", again.Output, StringComparison.Ordinal);
        var entries = staff.EntriesAbout("polisen").Where(e => e.Action == AuditActions.Anonymised).TakeLast(2).ToList();
        Assert.All(entries, e => Assert.Equal(AuditLog.CommandLine, e.ActorLabel));
        Assert.StartsWith("0 personer", entries[^1].Details, StringComparison.Ordinal);

        Assert.Equal(2, (await RunAsync("--agency", "finns-inte")).Exit);
    }

    [Fact]
    public async Task TheRetentionPeriod_RefusesWhatIsNotOneToOneHundredTwentyMonths_InSwedish()
    {
        var response = await Forms.PostAsync(staff.AsAdmin, "/admin/myndigheter/polisen?handler=Retention", new() { ["retentionMonths"] = "tolv" }, "/admin/myndigheter/polisen");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Skriv ett antal månader från 1 till 120", string.Join(" | ", Forms.Errors(await response.Content.ReadAsStringAsync())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/personuppgifter", "Så behandlar vi dina personuppgifter", "Integritetsskyddsmyndigheten")]
    [InlineData("/tillganglighet", "Tillgänglighetsredogörelse", "DIGG")]
    public async Task ThePrivacyNoticeAndAccessibilityStatement_AreOpenToAll_AndLinkedFromEveryFooter(string url, string heading, string mentions)
    {
        var response = await Site.NewClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(mentions, html, StringComparison.Ordinal);
        var start = await (await Site.NewClient().GetAsync(new Uri("/", UriKind.Relative))).Content.ReadAsStringAsync();
        var footer = start[start.IndexOf("<footer", StringComparison.Ordinal)..];
        Assert.Contains($"href=\"{url}\"", footer, StringComparison.Ordinal);
    }
}
