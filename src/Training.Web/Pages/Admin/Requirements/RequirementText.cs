using Microsoft.Extensions.Localization;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Infrastructure;

namespace Training.Web.Pages.Admin.Requirements;

/// <summary>A requirement in words, the same on every page that lists one.</summary>
public static class RequirementText
{
    /// <summary>What it asks for: the module's or track's title as served now (its id when it is no longer served).</summary>
    public static string What(ContentCatalogue catalogue, Requirement requirement) =>
        requirement.ModuleId is { } moduleId
            ? catalogue.Find(moduleId)?.Title ?? moduleId
            : catalogue.Tracks.FirstOrDefault(t => t.Id == requirement.TrackId)?.Title ?? requirement.TrackId!;

    /// <summary>Whether it asks for a whole track.</summary>
    public static bool IsTrack(Requirement requirement) => requirement.TrackId is not null;

    /// <summary>Who it is for (needs unit and job roles loaded).</summary>
    public static string Who(IStringLocalizer t, Requirement requirement) =>
        Who(t, requirement.Unit?.Name, requirement.JobRoles.Select(j => j.JobRole.Name));

    /// <summary>Who it is for: everyone, or the unit's people, with these job roles.</summary>
    public static string Who(IStringLocalizer t, string? unit, IEnumerable<string> jobRoles)
    {
        var roles = string.Join(", ", jobRoles.Order(StringComparer.Create(TrainingApp.Swedish, true)));
        return (unit, roles.Length) switch
        {
            (null, 0) => t["Alla"],
            (null, _) => roles,
            (_, 0) => t["Alla på {0}", unit],
            _ => t["{0} på {1}", roles, unit],
        };
    }

    /// <summary>By when.</summary>
    public static string When(IStringLocalizer t, Requirement requirement) =>
        requirement.DueDate is { } date ? t["Senast {0}", SwedishTime.Date(date)]
        : requirement.DueWithinDays is { } days ? t["Inom {0} dagar från anställningen", days]
        : t["Inget slutdatum"];
}
