using System.Globalization;

namespace Training.Web.Infrastructure;

/// <summary>Times are stored in UTC and shown in Europe/Stockholm, in Swedish format.</summary>
public static class SwedishTime
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Stockholm);

    /// <summary>The UTC moment a day begins in Stockholm (for filters that take Swedish dates).</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Stockholm);

    /// <summary>"2026-11-28 14:05"</summary>
    public static string DateAndTime(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm", Swedish);

    /// <summary>"2026-11-28"</summary>
    public static string Date(DateTime utc) => Local(utc).ToString("yyyy-MM-dd", Swedish);

    /// <summary>"2026-11-28" (a day that is already Swedish: a due date, a start date)</summary>
    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", Swedish);
}
