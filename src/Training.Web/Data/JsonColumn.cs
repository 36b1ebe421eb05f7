using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Training.Web.Data;

/// <summary>A value kept as JSON text in one column (an import's preview or result): read and written whole, never queried into.</summary>
public static class JsonColumn
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static ValueConverter<T, string> Converter<T>() where T : class? => new(
        value => JsonSerializer.Serialize(value, Json),
        text => JsonSerializer.Deserialize<T>(text, Json)!);

    /// <summary>Compares by the JSON, so a value changed inside (a list) still counts as changed.</summary>
    public static ValueComparer<T> Comparer<T>() where T : class? => new(
        (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
        value => JsonSerializer.Serialize(value, Json).GetHashCode(StringComparison.Ordinal),
        value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Json), Json)!);
}
