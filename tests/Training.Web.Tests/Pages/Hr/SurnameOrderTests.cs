using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Hr;

/// <summary>HR's employee list and the admin's user list sort people by surname (the last word of the name), the Swedish way.</summary>
[Collection(SiteCollection.Name)]
public partial class SurnameOrderTests(SharedSite shared)
{
    private TrainingSite Site => shared.Site;

    /// <summary>In the order a Swedish list by surname gives them: z before å, ä and ö, é with e, two first names kept together.</summary>
    private static readonly string[] InSurnameOrder =
    [
        "Cecilia Ahl", "Östen Ek", "Fia Lind", "Gustav Lindberg", "Eva Lindén", "Dan Zetterlund", "Bo Åberg", "Anna Maria Ärlig", "Anna Örn",
    ];

    /// <summary>People of a fresh agency, added in a scrambled order, and an HR officer of that agency signed in.</summary>
    private async Task<(HttpClient Hr, HttpClient Admin)> PeopleOfAsync(string agencyCode)
    {
        var hr = await Site.CreateUserAsync($"hr.{agencyCode}@polisen.se", agencyCode, Roles.Hr);
        await Site.CreateUserAsync($"admin.{agencyCode}@polisen.se", "polisen", Roles.Admin);
        Site.WithDb(db =>
        {
            foreach (var name in InSurnameOrder.Reverse().OrderBy(n => n.Length))
            {
                var email = $"{Guid.NewGuid():N}@{agencyCode}.test.example";
                db.Users.Add(new User { Name = name, Email = email, UserName = email, AgencyId = hr.AgencyId, CreatedAt = DateTime.UtcNow });
            }
            return db.SaveChanges();
        });
        return (await Site.SignInAsync(hr.Email!), await Site.SignInAsync($"admin.{agencyCode}@polisen.se"));
    }

    /// <summary>The names in the list's first column, top to bottom, among those the test added.</summary>
    private static List<string> Listed(string html) =>
        NameCell().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(InSurnameOrder.Contains).ToList();

    [GeneratedRegex("<td><a href=\"/(?:hr/medarbetare|admin/anvandare)/[0-9a-f]{32}\">([^<]+)</a></td>")]
    private static partial Regex NameCell();

    [Fact]
    public async Task HrsEmployeeList_And_TheAdminsUserList_SortBySurname()
    {
        var (hr, admin) = await PeopleOfAsync("sortering");

        var employees = await hr.GetStringAsync(new Uri("/hr/medarbetare", UriKind.Relative));
        var users = await admin.GetStringAsync(new Uri("/admin/anvandare?myndighet=sortering", UriKind.Relative));

        Assert.Equal(InSurnameOrder, Listed(employees));
        Assert.Equal(InSurnameOrder, Listed(users));
    }

    [Fact]
    public async Task ARenamedPerson_MovesToTheirNewSurnamesPlace()
    {
        var (hr, _) = await PeopleOfAsync("namnbyte");
        Site.WithDb(db =>
        {
            var person = db.Users.Single(u => u.Name == "Cecilia Ahl" && u.Agency.Code == "namnbyte");
            person.Name = "Cecilia Öberg";
            return db.SaveChanges();
        });

        var employees = await hr.GetStringAsync(new Uri("/hr/medarbetare", UriKind.Relative));
        var names = NameCell().Matches(employees).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

        Assert.Equal(names.IndexOf("Anna Maria Ärlig") + 1, names.IndexOf("Cecilia Öberg"));
        Assert.Equal(names.IndexOf("Cecilia Öberg") + 1, names.IndexOf("Anna Örn"));
        Assert.DoesNotContain("Cecilia Ahl", names);
    }

    [SqliteFact]
    public void TheSurnameOrder_IsReadFromAnIndex_NotSortedPerRequest()
    {
        // 40 000 people: a page of 50 must come off the index in order, not from sorting everyone on each request
        var sql = Site.WithDb(db => db.Users.Where(u => u.AgencyId == 1).InSurnameOrder().Take(50).Select(u => u.Name).ToQueryString());
        using var connection = new SqliteConnection($"Data Source={Site.DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        var withoutParameters = Regex.Replace(Regex.Replace(sql, @"^\.param set .*$", "", RegexOptions.Multiline), @"@\w+", "50");
        command.CommandText = "EXPLAIN QUERY PLAN " + withoutParameters;
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("IX_AspNetUsers_AgencyId_SortName_Id", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
