using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Logging.Console;

namespace Training.Web.Infrastructure;

/// <summary>
/// The console log: one JSON object per line outside Development (<c>Logging:Console:FormatterName</c> is <c>json</c> in
/// appsettings.json), so every value is a field and a line break inside one is written as <c>\n</c>, never as a new
/// line; readable single lines in Development. Call sites still pass text from users through <see cref="LogText.Safe"/>,
/// for the simple format and for any other provider.
/// </summary>
public static class Logs
{
    public static void AddLogs(this WebApplicationBuilder builder) => UseReadableJson(builder.Services);

    /// <summary>Swedish letters as letters; control characters, quotes and markup still escaped.</summary>
    public static void UseReadableJson(IServiceCollection services) =>
        services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.UseUtcTimestamp = true;
            options.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
        });
}
