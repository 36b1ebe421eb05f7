using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;
using Training.Core.Competence;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Infrastructure;
using Training.Web.Learning;
using UglyToad.PdfPig;

namespace Training.Web.Tests.Pages.Certificates;

/// <summary>
/// Certificates through the real pages: the learner's and HR's PDF downloads (read back with PdfPig), who may fetch
/// which certificate, and the public check at /intyg/{code}, which tells what a certificate is for and whether it
/// stands, never who holds it.
/// </summary>
public sealed partial class CertificateTests(CertificateTests.CertificateSite fixture) : IClassFixture<CertificateTests.CertificateSite>
{
    private const string ModuleId = "vad-ar-manniskohandel";

    private TrainingSite Site => fixture.Site;

    [Fact]
    public async Task Learner_DownloadsTheirCertificate_FromMinaSidor_AsAPdfWithNameAgencyModuleDatesAndCode()
    {
        var (person, client) = await fixture.SignedInPersonAsync("asa.oberg", "Åsa Öberg");
        var completedAt = DateTime.UtcNow.AddDays(-20);
        var completion = await fixture.CompleteAsync(person, completedAt);

        var minaSidor = await client.GetStringAsync(new Uri("/mina-sidor", UriKind.Relative));
        var link = Assert.Single(DownloadLinks().Matches(minaSidor).Select(m => m.Groups[1].Value));
        var response = await client.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal($"/mina-sidor/intyg/{completion.Id}", link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"intyg-{ModuleId}-{SwedishTime.Date(completedAt)}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync(), out var fonts);
        Assert.Contains("Åsa Öberg", text, StringComparison.Ordinal);
        Assert.Contains("Polismyndigheten", text, StringComparison.Ordinal);
        Assert.Contains(fixture.ModuleTitle, text, StringComparison.Ordinal);
        Assert.Contains($"Version {fixture.Module.Version}", text, StringComparison.Ordinal);
        Assert.Contains($"Genomförd: {SwedishTime.Date(completedAt)}", text, StringComparison.Ordinal);
        Assert.Contains($"Giltigt till: {SwedishTime.Date(completedAt.AddMonths(24))}", text, StringComparison.Ordinal);
        Assert.Contains(VerificationCode.Grouped(completion.VerificationCode!), text, StringComparison.Ordinal);
        Assert.Contains($"https://training.test/intyg/{VerificationCode.Grouped(completion.VerificationCode!)}", text, StringComparison.Ordinal);
        Assert.Contains("Härmed intygas att", text, StringComparison.Ordinal);
        Assert.All(fonts, font => Assert.Matches("^[A-Z]{6}\\+DejaVu Sans", font)); // an embedded subset, nothing left to the reader's fonts
    }

    [Fact]
    public async Task Certificate_OfAModuleWithoutExpiry_IsValidTillsVidare()
    {
        var (person, client) = await fixture.SignedInPersonAsync("utan.slut", "Örjan Ådahl");
        var completion = await fixture.CompleteAsync(person, DateTime.UtcNow.AddDays(-3), validForMonths: null);

        var text = PdfText(await client.GetByteArrayAsync(new Uri($"/mina-sidor/intyg/{completion.Id}", UriKind.Relative)), out _);

        Assert.Contains("Giltigt till: tills vidare", text, StringComparison.Ordinal);
        Assert.Contains("Örjan Ådahl", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_QrCode_IsTheVerificationAddress()
    {
        var (person, client) = await fixture.SignedInPersonAsync("qr.kod", "Qr Kod");
        var completion = await fixture.CompleteAsync(person, DateTime.UtcNow.AddDays(-1));
        var pdf = await client.GetByteArrayAsync(new Uri($"/mina-sidor/intyg/{completion.Id}", UriKind.Relative));
        using var expected = QRCodeGenerator.GenerateQrCode($"https://training.test/intyg/{VerificationCode.Grouped(completion.VerificationCode!)}", QRCodeGenerator.ECCLevel.M);

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        // the QR code is the group of small filled squares and bars, one module high
        var bars = page.Paths.Where(p => p.IsFilled).Select(p => p.GetBoundingRectangle()).OfType<UglyToad.PdfPig.Core.PdfRectangle>()
            .Where(r => r.Height is > 1 and < 8).ToList();
        Assert.NotEmpty(bars);
        var module = bars.Min(r => r.Height);
        var left = bars.Min(r => r.Left);
        var top = bars.Max(r => r.Top);
        var rows = expected.ModuleMatrix;
        var quiet = rows.FindIndex(row => row.Cast<bool>().Any(dark => dark)); // first dark row: the quiet zone is not drawn
        var wrong = 0;
        for (var y = quiet; y < rows.Count - quiet; y++)
        {
            for (var x = quiet; x < rows.Count - quiet; x++)
            {
                var centreX = left + (x - quiet + 0.5) * module;
                var centreY = top - (y - quiet + 0.5) * module;
                var drawn = bars.Any(r => r.Left <= centreX && centreX <= r.Right && r.Bottom <= centreY && centreY <= r.Top);
                wrong += drawn == rows[y][x] ? 0 : 1;
            }
        }
        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task Learner_GetsNotFound_ForSomeoneElsesCompletion_AndAnonymousIsSentToSignIn()
    {
        var (owner, _) = await fixture.SignedInPersonAsync("agare", "Ägare Person");
        var (_, other) = await fixture.SignedInPersonAsync("nyfiken", "Nyfiken Kollega");
        var completion = await fixture.CompleteAsync(owner, DateTime.UtcNow.AddDays(-5));

        var response = await other.GetAsync(new Uri($"/mina-sidor/intyg/{completion.Id}", UriKind.Relative));
        var anonymous = await Site.NewClient().GetAsync(new Uri($"/mina-sidor/intyg/{completion.Id}", UriKind.Relative));
        var viaHr = await other.GetAsync(new Uri($"/hr/medarbetare/{owner.Id}/intyg/{completion.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("application/pdf", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/konto/logga-in", anonymous.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, viaHr.StatusCode);
    }

    [Fact]
    public async Task Hr_OfThePersonsAgency_DownloadsTheCertificate_AndTheDownloadIsAudited()
    {
        var (person, _) = await fixture.SignedInPersonAsync("medarbetare.hr", "Märta Ödlund");
        var completion = await fixture.CompleteAsync(person, DateTime.UtcNow.AddDays(-8));

        var hr = await fixture.HrAsync("polisen");
        var response = await hr.GetAsync(new Uri($"/hr/medarbetare/{person.Id}/intyg/{completion.Id}", UriKind.Relative));
        var admin = await fixture.AdminAsync();
        var adminResponse = await admin.GetAsync(new Uri($"/hr/medarbetare/{person.Id}/intyg/{completion.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Märta Ödlund", PdfText(await response.Content.ReadAsByteArrayAsync(), out _), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, adminResponse.StatusCode);
        var entries = Site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.CertificateDownloaded && e.SubjectId == person.Id).ToList());
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.ActorLabel == "hr.polisen@polisen.se" && e.Details!.Contains(fixture.ModuleTitle, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hr_OfAnotherAgency_GetsNotFound_AndSoDoesAPairOfPersonAndSomeoneElsesCompletion()
    {
        var (person, _) = await fixture.SignedInPersonAsync("skyddad", "Skyddad Person");
        var (colleague, _) = await fixture.SignedInPersonAsync("kollega.hr", "Kollega Person");
        var completion = await fixture.CompleteAsync(person, DateTime.UtcNow.AddDays(-8));

        var otherHr = await fixture.HrAsync("aklagare");
        var otherAgency = await otherHr.GetAsync(new Uri($"/hr/medarbetare/{person.Id}/intyg/{completion.Id}", UriKind.Relative));
        var ownHr = await fixture.HrAsync("polisen");
        var mismatched = await ownHr.GetAsync(new Uri($"/hr/medarbetare/{colleague.Id}/intyg/{completion.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, otherAgency.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mismatched.StatusCode);
        Assert.Equal(0, Site.WithDb(db => db.AuditEntries.Count(e => e.Action == AuditActions.CertificateDownloaded && e.SubjectId == person.Id)));
    }

    [Fact]
    public async Task VerificationPage_ShowsModuleVersionDatesAndValidity_AndNothingAboutThePerson()
    {
        var (person, _) = await fixture.SignedInPersonAsync("verifierad", "Åke Hemlig");
        var completedAt = DateTime.UtcNow.AddDays(-30);
        var completion = await fixture.CompleteAsync(person, completedAt);
        var grouped = VerificationCode.Grouped(completion.VerificationCode!);

        var response = await Site.NewClient().GetAsync(new Uri($"/intyg/{grouped}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.ModuleTitle, html, StringComparison.Ordinal);
        Assert.Contains($"<dd>{fixture.Module.Version}</dd>", html, StringComparison.Ordinal);
        Assert.Contains(SwedishTime.Date(completedAt), html, StringComparison.Ordinal);
        Assert.Contains(SwedishTime.Date(completedAt.AddMonths(24)), html, StringComparison.Ordinal);
        Assert.Contains("Intyget gäller.", html, StringComparison.Ordinal);
        Assert.Contains(grouped, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Åke", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hemlig", html, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Email!, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("verifierad", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.EmployeeNumber!, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Polismyndigheten", html, StringComparison.Ordinal);
        Assert.Contains("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerificationPage_SaysExpired_OnceTheCompletionHasExpired_AndSuperseded_OnceAnotherRecordReplacesIt()
    {
        var (person, _) = await fixture.SignedInPersonAsync("gammal", "Gammal Person");
        var expired = await fixture.CompleteAsync(person, DateTime.UtcNow.AddMonths(-25));
        var replaced = await fixture.CompleteAsync(person, DateTime.UtcNow.AddDays(-40));
        var correction = await fixture.CompleteAsync(person, DateTime.UtcNow.AddDays(-41), supersedes: replaced.Id);
        var anonymous = Site.NewClient();

        var expiredPage = await anonymous.GetStringAsync(new Uri($"/intyg/{expired.VerificationCode}", UriKind.Relative));
        var replacedPage = await anonymous.GetStringAsync(new Uri($"/intyg/{replaced.VerificationCode}", UriKind.Relative));
        var correctionPage = await anonymous.GetStringAsync(new Uri($"/intyg/{correction.VerificationCode}", UriKind.Relative));

        Assert.Contains("Intyget har gått ut.", expiredPage, StringComparison.Ordinal);
        Assert.Contains("Intyget har ersatts av ett senare intyg.", replacedPage, StringComparison.Ordinal);
        Assert.Contains("Intyget gäller.", correctionPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lower")]   // typed in lower case, no dashes
    [InlineData("spaced")]  // read aloud in groups with spaces
    [InlineData("zero-o")]  // a zero typed as the letter O
    public async Task VerificationForm_TakesTheCodeAsSomeoneTypesIt_ToItsPage(string how)
    {
        var (person, _) = await fixture.SignedInPersonAsync($"skriven.{how}", "Skriven Kod");
        var completion = await fixture.CompleteAsync(person, DateTime.UtcNow.AddDays(-2));
        var code = completion.VerificationCode!;
        var typed = how switch
        {
            "lower" => code.ToLowerInvariant(),
            "spaced" => VerificationCode.Grouped(code).Replace('-', ' '),
            _ => code.Replace('0', 'O'),
        };

        var response = await Site.NewClient().GetAsync(new Uri("/intyg?kod=" + Uri.EscapeDataString(typed), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/intyg/{VerificationCode.Grouped(code)}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task VerificationForm_ExplainsInSwedish_WhatIsWrongWithSomethingThatCannotBeACode()
    {
        var client = Site.NewClient();

        var tooShort = await client.GetAsync(new Uri("/intyg?kod=ABCD-EFGH", UriKind.Relative));
        var empty = await client.GetStringAsync(new Uri("/intyg?kod=", UriKind.Relative));
        var plain = await client.GetStringAsync(new Uri("/intyg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("Det är ingen verifieringskod.", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Skriv verifieringskoden.", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("field-error", plain, StringComparison.Ordinal);
        Assert.Contains("<label for=\"kod\">Verifieringskod</label>", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("finns-inte")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX")] // too long
    [InlineData("ABCD-EFGH-JKMN-PQR!")]
    public async Task VerificationPage_AnswersAPlain404_ForWhatCannotBeACode(string code)
    {
        var response = await Site.NewClient().GetAsync(new Uri("/intyg/" + Uri.EscapeDataString(code), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Sidan finns inte", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenThousandRandomCodes_AllAnswer404()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => VerificationCode.New()).ToList();
        var client = Site.NewClient();
        var answers = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        await Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (code, token) =>
        {
            using var response = await client.GetAsync(new Uri("/intyg/" + VerificationCode.Grouped(code), UriKind.Relative), token);
            answers.Add(response.StatusCode);
        });

        Assert.Equal(10_000, answers.Count);
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotFound, status));
    }

    /// <summary>The text of a certificate's first page, its words joined by spaces, and the fonts its letters use.</summary>
    public static string PdfText(byte[] pdf, out IReadOnlyList<string> fonts)
    {
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        fonts = page.Letters.Select(l => l.FontName ?? "").Distinct(StringComparer.Ordinal).ToList();
        return string.Join(' ', page.GetWords().Select(w => w.Text));
    }

    [GeneratedRegex("""href="(/mina-sidor/intyg/\d+)"[^>]*>""")]
    private static partial Regex DownloadLinks();

    /// <summary>One site for the class, with a person per test and HR of two agencies.</summary>
    public sealed class CertificateSite : IAsyncLifetime
    {
        private readonly Dictionary<string, HttpClient> staff = [];

        public TrainingSite Site { get; } = new();

        public CatalogueModule Module { get; private set; } = null!;

        public string ModuleTitle => Module.Title;

        public async Task InitializeAsync()
        {
            await Site.StartAsync();
            Module = Site.Services.GetRequiredService<ContentCatalogue>().Find(ModuleId)!;
        }

        public async Task DisposeAsync() => await Site.DisposeAsync();

        /// <summary>A new learner of polisen with <paramref name="name"/>, signed in.</summary>
        public async Task<(User Person, HttpClient Client)> SignedInPersonAsync(string localPart, string name)
        {
            var person = await Site.CreateUserAsync($"{localPart}@polisen.se");
            await Site.WithServicesAsync(services =>
                services.GetRequiredService<TrainingDbContext>().Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Name, name)));
            person.Name = name;
            return (person, await Site.SignInAsync(person.Email!));
        }

        /// <summary>A completion of the module's current version, made as the site makes them, valid for 24 months unless told.</summary>
        public async Task<Completion> CompleteAsync(User person, DateTime completedAt, int? validForMonths = 24, long? supersedes = null)
        {
            var completion = Completions.For(CompletedVersion.Of(Module) with { ValidForMonths = validForMonths },
                person.Id, person.AgencyId, completedAt, CompletionSources.Quiz, 90);
            completion.SupersedesId = supersedes;
            await Site.WithServicesAsync(async services =>
            {
                var db = services.GetRequiredService<TrainingDbContext>();
                db.Completions.Add(completion);
                await db.SaveChangesAsync();
            });
            return completion;
        }

        public Task<HttpClient> HrAsync(string agency) => StaffAsync($"hr.{agency}@{agency}.se", agency, Roles.Hr);

        public Task<HttpClient> AdminAsync() => StaffAsync("admin.intyg@polisen.se", "polisen", Roles.Admin);

        private async Task<HttpClient> StaffAsync(string email, string agency, string role)
        {
            if (!staff.TryGetValue(email, out var client))
            {
                await Site.CreateUserAsync(email, agency, role);
                staff[email] = client = await Site.SignInAsync(email);
            }
            return client;
        }
    }
}
