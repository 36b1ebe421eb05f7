using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Web.Audit;
using Training.Web.Data;
using Training.Web.Infrastructure;

namespace Training.Web.Pages.Audit;

/// <summary>
/// The audit log, newest first: admins read every entry, HR its own agency's. Filtered by Swedish dates, a person
/// (actor or subject), an action and (admins only) an agency. Read only: the page answers nothing but GET.
/// </summary>
public class IndexModel(TrainingDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 50;

    // The years a filter may name: far from the ends of the calendar, where a day in Stockholm has no UTC start or end.
    private static readonly DateOnly FirstDay = new(2000, 1, 1);
    private static readonly DateOnly LastDay = new(2099, 12, 31);

    public sealed record Row(DateTime At, string Action, string Actor, string? Subject, string? Agency, string? Details);

    public sealed record AgencyOption(string Code, string Name);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Filled for admins only: HR reads its own agency's entries and cannot ask for another's.</summary>
    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];

    public string? From { get; private set; }

    public string? To { get; private set; }

    public string? Person { get; private set; }

    public string? Action { get; private set; }

    public string? AgencyCode { get; private set; }

    public int Total { get; private set; }

    public int PageNumber { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "fran")] string? from, [FromQuery(Name = "till")] string? to, [FromQuery(Name = "person")] string? person,
        [FromQuery(Name = "handelse")] string? action, [FromQuery(Name = "myndighet")] string? agency, [FromQuery(Name = "sida")] int page = 1)
    {
        From = Blank(from);
        To = Blank(to);
        Person = Blank(person);
        Action = action is not null && AuditActions.All.Contains(action) ? action : null;
        AgencyCode = Blank(agency);
        var entries = db.AuditEntries.AsNoTracking().VisibleTo(User);
        if (AgencyCode is not null)
        {
            if (!User.IsInRole(Roles.Admin))
            {
                return NotFound(); // HR never reads another agency's entries, not even by asking for them
            }
            entries = entries.Where(e => db.Agencies.Any(a => a.Id == e.AgencyId && a.Code == AgencyCode));
        }
        if (User.IsInRole(Roles.Admin))
        {
            Agencies = (await db.Agencies.Select(a => new AgencyOption(a.Code, a.Name)).ToListAsync())
                .OrderBy(a => a.Name, StringComparer.Create(TrainingApp.Swedish, ignoreCase: true)).ToList();
        }
        if (ParseDay(From, "fran") is { } fromDay)
        {
            var start = SwedishTime.StartOfDayUtc(fromDay);
            entries = entries.Where(e => e.At >= start);
        }
        if (ParseDay(To, "till") is { } toDay)
        {
            var end = SwedishTime.StartOfDayUtc(toDay.AddDays(1)); // the whole of the last day
            entries = entries.Where(e => e.At < end);
        }
        if (Person is not null)
        {
            var pattern = SearchText.ContainsPattern(Person);
            entries = entries.Where(e => EF.Functions.Like(SearchText.Fold(e.ActorLabel), pattern, "\\") || EF.Functions.Like(SearchText.Fold(e.SubjectLabel), pattern, "\\"));
        }
        if (Action is not null)
        {
            entries = entries.Where(e => e.Action == Action);
        }
        Total = await entries.CountAsync();
        PageNumber = Math.Clamp(page, 1, Pages);
        Rows = await entries
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new Row(e.At, e.Action, e.ActorLabel, e.SubjectLabel, db.Agencies.Where(a => a.Id == e.AgencyId).Select(a => a.Name).FirstOrDefault(), e.Details))
            .ToListAsync();
        return Page();
    }

    /// <summary>Nothing is ever posted here: the log cannot be changed through the site.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            Response.Headers.Allow = "GET, HEAD";
            context.Result = StatusCode(StatusCodes.Status405MethodNotAllowed);
        }
    }

    /// <summary>The first error of a field, for the message beside it.</summary>
    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>The same filters on another page.</summary>
    public string PageUrl(int page) =>
        "/admin/logg" + QueryString.Create(new Dictionary<string, string?>
        {
            ["fran"] = From, ["till"] = To, ["person"] = Person, ["handelse"] = Action, ["myndighet"] = AgencyCode,
            ["sida"] = page.ToString(CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null));

    private DateOnly? ParseDay(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            ModelState.AddModelError(field, t["Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-28."]);
            return null;
        }
        if (day < FirstDay || day > LastDay)
        {
            ModelState.AddModelError(field, t["Skriv ett datum från 2000-01-01 till 2099-12-31."]);
            return null;
        }
        return day;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
