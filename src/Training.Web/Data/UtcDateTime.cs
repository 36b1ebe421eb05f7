using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Training.Web.Data;

/// <summary>Times are stored as UTC; SQLite gives them back without a kind, so mark them UTC when read.</summary>
public static class UtcDateTime
{
    public static readonly ValueConverter<DateTime, DateTime> Converter = new(
        toStore => toStore.Kind == DateTimeKind.Utc ? toStore : toStore.ToUniversalTime(),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));

    public static readonly ValueConverter<DateTime?, DateTime?> NullableConverter = new(
        toStore => toStore == null ? null : toStore.Value.Kind == DateTimeKind.Utc ? toStore : toStore.Value.ToUniversalTime(),
        fromStore => fromStore == null ? null : DateTime.SpecifyKind(fromStore.Value, DateTimeKind.Utc));
}
