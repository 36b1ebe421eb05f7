using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>
/// The filters of the overview, the people lists, the export and the report, as they stand in the URL (so that a view
/// can be bookmarked and shared): <c>myndighet</c> (admins only), <c>enhet</c>, <c>befattning</c>, <c>modul</c>,
/// <c>status</c>. A status is a competence status code (<c>overdue</c>, …) or <c>compliant</c> / <c>not_compliant</c>.
/// </summary>
public sealed record HrFilter(string? Agency, int? Unit, int? JobRole, string? Module, string? Status)
{
    public const string Compliant = "compliant";
    public const string NotCompliant = "not_compliant";

    /// <summary>The status filter's values, in the order the forms offer them.</summary>
    public static readonly IReadOnlyList<string> StatusValues =
    [
        .. new[] { CompetenceStatus.Overdue, CompetenceStatus.Expired, CompetenceStatus.Expiring, CompetenceStatus.InProgress, CompetenceStatus.NotStarted, CompetenceStatus.Completed }
            .Select(StatusText.Code),
        NotCompliant, Compliant,
    ];

    public static HrFilter From(IQueryCollection query) => From(name => query[name]);

    public static HrFilter From(IFormCollection form) => From(name => form[name]);

    private static HrFilter From(Func<string, Microsoft.Extensions.Primitives.StringValues> value) => new(
        Text(value("myndighet")), Number(value("enhet")), Number(value("befattning")), Text(value("modul")),
        Text(value("status")) is { } status && StatusValues.Contains(status) ? status : null);

    /// <summary>The label of a status filter value (a resource key; Swedish).</summary>
    public static string StatusLabel(string value) => value switch
    {
        Compliant => "Uppfyller kraven",
        NotCompliant => "Uppfyller inte kraven",
        _ => StatusText.Label(Enum.GetValues<CompetenceStatus>().First(s => StatusText.Code(s) == value)),
    };

    /// <summary>Whether a row (a person's status on one module) has the chosen status.</summary>
    public bool MatchesRow(CompetenceStatus status) => Status switch
    {
        null => true,
        Compliant => Compliance.IsCompliant(status),
        NotCompliant => !Compliance.IsCompliant(status),
        _ => StatusText.Code(status) == Status,
    };

    /// <summary>
    /// Whether a person with these rows (already narrowed to the chosen module) has the chosen status: on any of them, and
    /// for compliant / not compliant as a person (<see cref="Compliance.IsCompliant(IEnumerable{CompetenceStatus})"/>).
    /// </summary>
    public bool MatchesPerson(IReadOnlyList<RequiredModule> rows) => Status switch
    {
        null => rows.Count > 0,
        Compliant => Compliance.IsCompliant(rows.Select(r => r.State.Status)),
        NotCompliant => rows.Count > 0 && !Compliance.IsCompliant(rows.Select(r => r.State.Status)),
        _ => rows.Any(r => MatchesRow(r.State.Status)),
    };

    /// <summary>The person's rows the filter keeps by module.</summary>
    public IReadOnlyList<RequiredModule> ModuleRows(IReadOnlyList<RequiredModule> rows) =>
        Module is null ? rows : [.. rows.Where(r => r.Module.Id == Module)];

    /// <summary>The filter as a query string for <paramref name="path"/>, with some values replaced.</summary>
    public string Url(string path, int? unit = -1, string? module = "\0", string? status = "\0", string? jobRole = "\0", (string Name, string Value)? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            [extra?.Name ?? ""] = extra?.Value,
            ["myndighet"] = Agency,
            ["enhet"] = (unit == -1 ? Unit : unit)?.ToString(CultureInfo.InvariantCulture),
            ["befattning"] = jobRole == "\0" ? JobRole?.ToString(CultureInfo.InvariantCulture) : jobRole,
            ["modul"] = module == "\0" ? Module : module,
            ["status"] = status == "\0" ? Status : status,
        };
        return path + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The filter as words for the audit log.</summary>
    public string Describe() =>
        string.Join(", ", new[]
        {
            Agency is null ? null : "myndighet=" + Agency,
            Unit is null ? null : "enhet=" + Unit.Value.ToString(CultureInfo.InvariantCulture),
            JobRole is null ? null : "befattning=" + JobRole.Value.ToString(CultureInfo.InvariantCulture),
            Module is null ? null : "modul=" + Module,
            Status is null ? null : "status=" + Status,
        }.Where(p => p is not null)) is { Length: > 0 } described ? described : "inget filter";

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString().Trim();

    private static int? Number(Microsoft.Extensions.Primitives.StringValues value) =>
        int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>
/// What a viewer may see of an agency under a filter: the agency (an admin's choice, everyone else's own; another
/// agency asked for is not found), its units and job roles as the viewer may pick them, and the people the filter
/// leaves (<see cref="UserQueries.VisibleTo"/> first, so a manager sees their units only whatever is asked).
/// </summary>
public sealed record HrScope(
    Agency Agency, IReadOnlyList<HrScope.Choice> Agencies, IReadOnlyList<HrScope.Choice> Units, IReadOnlyList<HrScope.Choice> JobRoles,
    IReadOnlyList<CatalogueModule> Modules, IQueryable<User> People, HrFilter Filter)
{
    public sealed record Choice(string Value, string Name);

    /// <summary>The scope, or null when the viewer asked for an agency that is not theirs (or none that exists).</summary>
    public static async Task<HrScope?> ResolveAsync(TrainingDbContext db, ContentCatalogue catalogue, ClaimsPrincipal viewer, HrFilter filter)
    {
        var isAdmin = viewer.IsInRole(Roles.Admin);
        var ownAgencyId = viewer.AgencyIdOf();
        var agency = filter.Agency is { } code
            ? await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code)
            : await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == ownAgencyId);
        if (agency is null || (!isAdmin && agency.Id != ownAgencyId))
        {
            return null;
        }
        var swedish = StringComparer.Create(TrainingApp.Swedish, ignoreCase: true);
        var agencies = isAdmin
            ? (await db.Agencies.AsNoTracking().Select(a => new Choice(a.Code, a.Name)).ToListAsync()).OrderBy(a => a.Name, swedish).ToList()
            : [];
        var units = (await db.Units.AsNoTracking().UnitsVisibleTo(viewer, agency.Id).Select(u => new { u.Id, u.Name }).ToListAsync())
            .OrderBy(u => u.Name, swedish).Select(u => new Choice(u.Id.ToString(CultureInfo.InvariantCulture), u.Name)).ToList();
        var jobRoles = (await db.JobRoles.AsNoTracking().Where(j => j.AgencyId == agency.Id).Select(j => new { j.Id, j.Name }).ToListAsync())
            .OrderBy(j => j.Name, swedish).Select(j => new Choice(j.Id.ToString(CultureInfo.InvariantCulture), j.Name)).ToList();
        var people = db.Users.AsNoTracking().VisibleTo(viewer).Where(u => u.AgencyId == agency.Id);
        if (filter.Unit is { } unit)
        {
            people = people.Where(u => u.UnitId == unit);
        }
        if (filter.JobRole is { } jobRole)
        {
            people = people.Where(u => u.JobRoleId == jobRole);
        }
        var modules = await RequiredModulesAsync(db, catalogue, agency.Id);
        return new HrScope(agency, agencies, units, jobRoles, modules, people, filter with { Agency = isAdmin ? agency.Code : null });
    }

    /// <summary>The modules some active requirement of the agency asks for, by title.</summary>
    public static async Task<IReadOnlyList<CatalogueModule>> RequiredModulesAsync(TrainingDbContext db, ContentCatalogue catalogue, int agencyId)
    {
        var requirements = await db.Requirements.AsNoTracking().Where(r => r.AgencyId == agencyId && r.RemovedAt == null).ToListAsync();
        return requirements.SelectMany(r => Records.ModulesOf(catalogue, r)).DistinctBy(m => m.Id)
            .OrderBy(m => m.Title, StringComparer.Create(TrainingApp.Swedish, ignoreCase: true)).ToList();
    }

    /// <summary>
    /// Each person in scope with the rows the filter keeps (by module), when the person matches the filter's status; read
    /// in batches through <see cref="Records.RequiredOfAgencyAsync"/>, the one place statuses come from.
    /// </summary>
    public async IAsyncEnumerable<Records.PersonRequirements> PeopleAsync(TrainingDbContext db, ContentCatalogue catalogue, DateTime now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var person in Records.RequiredOfAgencyAsync(db, catalogue, Agency.Id, now, People, cancellationToken))
        {
            var rows = Filter.ModuleRows(person.Modules);
            if (Filter.MatchesPerson(rows))
            {
                yield return person with { Modules = rows };
            }
        }
    }
}
