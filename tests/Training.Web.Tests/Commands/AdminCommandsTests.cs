using Training.Web.Commands;

namespace Training.Web.Tests.Commands;

/// <summary>Runs <c>admin create</c> against the database of a site that was never started (an empty database).</summary>
[Collection(EnvironmentCollection.Name)]
public class AdminCommandsTests
{
    [Fact]
    public async Task AdminCreate_OnAnEmptyDatabase_MakesAnAdminWhoMustChooseTheirOwnPassword()
    {
        using var data = new TempFolder();
        await using var site = new TrainingSite(dataFolder: data.Path);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit;
        using (new EnvironmentVariables(new Dictionary<string, string>
        {
            ["Database__Provider"] = site.Database.Provider.ToString(), ["ConnectionStrings__Training"] = site.Database.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Content__Path"] = RepositoryPaths.Content,
        }))
        {
            exit = await Verbs.RunAsync(["admin", "create", "chef@polisen.se"], output, error);
        }

        Assert.Equal(0, exit);
        var password = output.ToString().Split('\n').Single(l => l.StartsWith("Engångslösenord: ", StringComparison.Ordinal))["Engångslösenord: ".Length..].Trim();
        Assert.True(password.Length >= 20);

        await site.StartAsync();
        var client = await site.SignInAsync("chef@polisen.se", password);
        var elsewhere = await client.GetAsync(new Uri("/hr/medarbetare", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Equal("/konto/byt-losenord", elsewhere.Headers.Location?.OriginalString);

        var changed = await Forms.PostAsync(client, "/konto/byt-losenord", new()
        {
            ["CurrentPassword"] = password,
            ["Input.Password"] = "administratörens egen fras",
            ["Input.ConfirmPassword"] = "administratörens egen fras",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/hr/medarbetare", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AdminCreate_ForAnUnknownDomain_SaysSo_AndCreatesNothing()
    {
        using var data = new TempFolder();
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit;
        using (new EnvironmentVariables(new Dictionary<string, string>
        {
            ["ConnectionStrings__Training"] = $"Data Source={Path.Combine(data.Path, "t.db")}",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Content__Path"] = RepositoryPaths.Content,
        }))
        {
            exit = await Verbs.RunAsync(["admin", "create", "someone@example.org"], output, error);
        }

        Assert.Equal(1, exit);
        Assert.Contains("Ingen myndighet har domänen 'example.org'", error.ToString(), StringComparison.Ordinal);
    }
}

public class FirstStartTests
{
    [Fact]
    public async Task AProductionFirstStart_CreatesNoAccount()
    {
        await using var site = new TrainingSite(environment: "Production");

        await site.StartAsync();

        Assert.Equal(0, site.WithDb(db => db.Users.Count()));
        Assert.True(site.WithDb(db => db.Agencies.Count()) >= 7);
    }
}
