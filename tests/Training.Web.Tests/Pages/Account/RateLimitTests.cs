namespace Training.Web.Tests.Pages.Account;

public class RateLimitTests
{
    [Fact]
    public async Task SignInPosts_BeyondTheLimitPerMinute_GetA429InSwedish()
    {
        await using var site = new TrainingSite { SignInsPerMinute = 3 };
        await site.StartAsync();
        var client = site.NewClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 4; i++)
        {
            var response = await Forms.PostAsync(client, "/konto/logga-in", new() { ["Input.Email"] = "x@polisen.se", ["Input.Password"] = "fel fel fel fel" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("För många försök", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/konto/logga-in", UriKind.Relative))).StatusCode); // reading is not limited
    }
}
