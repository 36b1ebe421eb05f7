using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Training.Web.Infrastructure;

/// <summary>
/// OpenTelemetry metrics and traces, exported over OTLP to <c>Telemetry:OtlpEndpoint</c> (e.g. an OpenTelemetry
/// Collector at http://localhost:4317). Without the setting nothing is registered: no listener, no exporter, no cost.
/// </summary>
public static class Telemetry
{
    public const string EndpointSetting = "Telemetry:OtlpEndpoint";

    public const string ServiceName = "training";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[EndpointSetting] is not { Length: > 0 } configured)
        {
            return;
        }
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException($"{EndpointSetting} must be an absolute address such as http://localhost:4317.");
        }
        var protocol = string.Equals(builder.Configuration["Telemetry:Protocol"], "http", StringComparison.OrdinalIgnoreCase)
            ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf
            : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["Telemetry:ServiceName"] is { Length: > 0 } name ? name : ServiceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(otlp => (otlp.Endpoint, otlp.Protocol) = (endpoint, protocol)))
            .WithTracing(tracing => tracing
                // Health probes every few seconds would drown the traces that matter.
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp => (otlp.Endpoint, otlp.Protocol) = (endpoint, protocol)));
    }
}
