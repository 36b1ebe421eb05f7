using Microsoft.Extensions.Localization;
using Training.Core.Competence;
using Training.Web.Infrastructure;

namespace Training.Web.Learning;

/// <summary>A competence status in words, the same on every page and in every export: the label, its class and the date that matters.</summary>
public static class StatusText
{
    /// <summary>The label (a resource key; Swedish).</summary>
    public static string Label(CompetenceStatus status) => status switch
    {
        CompetenceStatus.Completed => "Genomförd",
        CompetenceStatus.Expiring => "Går snart ut",
        CompetenceStatus.Expired => "Utgången",
        CompetenceStatus.Overdue => "Försenad",
        CompetenceStatus.InProgress => "Pågår",
        _ => "Ej påbörjad",
    };

    /// <summary>The status as the design's formats name it (<c>in_progress</c>, …).</summary>
    public static string Code(CompetenceStatus status) => status switch
    {
        CompetenceStatus.Completed => "completed",
        CompetenceStatus.Expiring => "expiring",
        CompetenceStatus.Expired => "expired",
        CompetenceStatus.Overdue => "overdue",
        CompetenceStatus.InProgress => "in_progress",
        _ => "not_started",
    };

    /// <summary>The CSS class that colours it (always beside the words, never instead of them).</summary>
    public static string CssClass(CompetenceStatus status) => "status status-" + Code(status).Replace('_', '-');

    /// <summary>The date that matters, in a sentence: until when it is valid, when it ended, or when it is due.</summary>
    public static string When(IStringLocalizer t, CompetenceState state) => state.Status switch
    {
        CompetenceStatus.Completed => state.ValidUntil is { } until ? t["Gäller till {0}", SwedishTime.Date(until)] : t["Gäller tills vidare"],
        CompetenceStatus.Expiring => t["Går ut {0}", SwedishTime.Date(state.ValidUntil!.Value)],
        CompetenceStatus.Expired => t["Gick ut {0}", SwedishTime.Date(state.ValidUntil!.Value)],
        CompetenceStatus.Overdue => t["Skulle vara klar {0}", SwedishTime.Date(state.DueDate!.Value)],
        _ => state.DueDate is { } due ? t["Senast {0}", SwedishTime.Date(due)] : t["Inget slutdatum"],
    };
}
