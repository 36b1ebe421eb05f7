using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Account;

/// <summary>
/// Sign-in must not tell which addresses have an account, nor in which state: every refusal reads the same, has the
/// same status and costs one password hash of the site's cost, while the audit log keeps what really happened.
/// </summary>
public class SignInEnumerationTests(SignInEnumerationTests.HashCountingSite site) : IClassFixture<SignInEnumerationTests.HashCountingSite>
{
    public const string Refusal =
        "Det gick inte att logga in. Kontrollera e-postadressen och lösenordet. Efter fem felaktiga försök spärras inloggningen i 15 minuter, utom i webbläsare där du har loggat in tidigare. Har du glömt lösenordet eller inte bekräftat din e-postadress? Be om en ny länk under Glömt lösenordet.";

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        Forms.PostAsync(client, "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Each kind of refusal: the address typed and the password typed (the right one wherever there is one).</summary>
    public static TheoryData<string, string, string> Refusals => new()
    {
        { "wrong-password", "fel.losenord@polisen.se", "inte det rätta lösenordet" },
        { "unknown", "finns.inte.alls@polisen.se", TrainingSite.Password },
        { "unconfirmed", "obekraftad@polisen.se", TrainingSite.Password },
        { "invited", "inbjuden@polisen.se", TrainingSite.Password },
        { "locked", "redan.last@polisen.se", TrainingSite.Password },
        { "deactivated", "inaktiverad@polisen.se", TrainingSite.Password },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task EveryRefusal_HasTheSameMessageAndStatus_AndVerifiesAPasswordHashOfTheSiteCost(string kind, string email, string password)
    {
        await site.PrepareAsync();
        var before = site.Hasher.Snapshot();

        var response = await SignInAsync(site.NewClient(), email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Refusal], Forms.Errors(await response.Content.ReadAsStringAsync()));
        var after = site.Hasher.Snapshot();
        Assert.True(after.Verifications > before.Verifications, $"{kind}: no password hash was verified");
        Assert.True(after.LeastIterations >= 210_000, $"{kind}: a hash of {after.LeastIterations} iterations was verified");
    }

    [Fact]
    public async Task EveryRefusal_TakesComparableTime()
    {
        await site.PrepareAsync();
        var client = site.NewClient();
        await SignInAsync(client, "uppvarmning@polisen.se", "uppvärmning av sidan"); // the first request warms up the page

        async Task<double> MedianMillisecondsAsync(string email, string password)
        {
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var page = await client.GetAsync(new Uri("/konto/logga-in", UriKind.Relative));
                var token = Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync());
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
                });
                var watch = Stopwatch.StartNew();
                (await client.PostAsync(new Uri("/konto/logga-in", UriKind.Relative), form)).Dispose();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            return times.Order().ElementAt(times.Count / 2);
        }

        var wrongPassword = await MedianMillisecondsAsync("fel.tid@polisen.se", "inte det rätta lösenordet");
        foreach (var (email, password) in new[]
        {
            ("finns.inte.alls@polisen.se", TrainingSite.Password), ("obekraftad@polisen.se", TrainingSite.Password),
            ("inbjuden@polisen.se", TrainingSite.Password), ("redan.last@polisen.se", TrainingSite.Password),
            ("inaktiverad@polisen.se", TrainingSite.Password),
        })
        {
            var time = await MedianMillisecondsAsync(email, password);
            // A refusal without a hash takes a few milliseconds, one with a hash a hundred or more.
            Assert.True(time >= wrongPassword / 3, $"{email}: {time:0} ms against {wrongPassword:0} ms for a wrong password");
        }
    }

    [Fact]
    public async Task TheAuditLog_KeepsWhatReallyHappened()
    {
        await site.PrepareAsync();
        foreach (var (_, email, password) in Refusals.Select(r => ((string)r[0], (string)r[1], (string)r[2])))
        {
            await SignInAsync(site.NewClient(), email, password);
        }

        string DetailsFor(string email) => site.WithDb(db => db.AuditEntries
            .Where(e => e.SubjectLabel == email && (e.Action == AuditActions.SignInFailed || e.Action == AuditActions.LockedOut))
            .OrderByDescending(e => e.Id).Select(e => e.Details).First())!;

        Assert.Equal("Fel lösenord.", DetailsFor("fel.losenord@polisen.se"));
        Assert.Equal("Okänd e-postadress.", DetailsFor("finns.inte.alls@polisen.se"));
        Assert.Equal("Kontot får inte logga in: e-postadressen är inte bekräftad.", DetailsFor("obekraftad@polisen.se"));
        Assert.Equal("Kontot får inte logga in: inbjudan är inte antagen.", DetailsFor("inbjuden@polisen.se"));
        Assert.Equal("Försök att logga in medan kontot var låst.", DetailsFor("redan.last@polisen.se"));
        Assert.Equal("Kontot får inte logga in: kontot är inaktiverat.", DetailsFor("inaktiverad@polisen.se"));
    }

    [Fact]
    public async Task RegisteringAnExistingAddress_HashesThePasswordAsANewAccountWould()
    {
        await site.PrepareAsync();
        var before = site.Hasher.Snapshot();

        var response = await Forms.PostAsync(site.NewClient(), "/konto/registrera", new()
        {
            ["Input.Email"] = "fel.losenord@polisen.se", ["Input.Password"] = "en annan lång fras", ["Input.ConfirmPassword"] = "en annan lång fras",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(site.Hasher.Snapshot().Hashes > before.Hashes, "no password was hashed for the existing address");
    }

    /// <summary>A site whose password hasher counts its work, with one person in each state that must not show.</summary>
    public sealed class HashCountingSite : TrainingSite, IAsyncLifetime
    {
        private readonly SemaphoreSlim preparing = new(1);
        private bool prepared;

        public CountingHasher Hasher => Services.GetRequiredService<CountingHasher>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<CountingHasher>();
                services.AddSingleton<IPasswordHasher<User>>(provider => provider.GetRequiredService<CountingHasher>());
            });
        }

        public async Task InitializeAsync() => await StartAsync();

        async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

        public async Task PrepareAsync()
        {
            await preparing.WaitAsync();
            try
            {
                if (prepared)
                {
                    return;
                }
                await CreateUserAsync("fel.losenord@polisen.se");
                await CreateUserAsync("fel.tid@polisen.se");
                await Change(await CreateUserAsync("obekraftad@polisen.se"), (user, _) => { user.EmailConfirmed = false; return Task.CompletedTask; });
                await Change(await CreateUserAsync("inbjuden@polisen.se"), (user, _) => { user.EmailConfirmed = false; user.PasswordHash = null; return Task.CompletedTask; });
                await Change(await CreateUserAsync("redan.last@polisen.se"), (user, users) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15)));
                await Change(await CreateUserAsync("inaktiverad@polisen.se"), (user, _) => { user.IsActive = false; return Task.CompletedTask; });
                prepared = true;
            }
            finally
            {
                preparing.Release();
            }
        }

        private Task Change(User person, Func<User, UserManager<User>, Task> change) => WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByIdAsync(person.Id))!;
            await change(user, users);
            await users.UpdateAsync(user);
        });
    }

    /// <summary>Identity's hasher with the site's options, counting hashes and verifications and the least cost verified.</summary>
    public sealed class CountingHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> inner = new(options);
        private int hashes;
        private int verifications;
        private int leastIterations = int.MaxValue;

        public record Counts(int Hashes, int Verifications, int LeastIterations);

        public Counts Snapshot() => new(Volatile.Read(ref hashes), Volatile.Read(ref verifications), Volatile.Read(ref leastIterations));

        public string HashPassword(User user, string password)
        {
            Interlocked.Increment(ref hashes);
            return inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            var bytes = Convert.FromBase64String(hashedPassword);
            var iterations = bytes.Length > 9 && bytes[0] == 0x01 ? (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) : 0;
            int seen;
            do
            {
                seen = Volatile.Read(ref leastIterations);
            }
            while (iterations < seen && Interlocked.CompareExchange(ref leastIterations, iterations, seen) != seen);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
