namespace Training.Web.Infrastructure;

/// <summary>Whether start-up work (migrations, content import, demo seed) has finished.</summary>
public sealed class Readiness
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => ready.Task.IsCompletedSuccessfully;

    public bool HasFailed => ready.Task.IsFaulted;

    public Task WhenReady => ready.Task;

    public void MarkReady() => ready.TrySetResult();

    public void MarkFailed(Exception error) => ready.TrySetException(error);
}

public static class ReadinessEndpoints
{
    /// <summary><c>/health</c>: 200 once start-up work has finished, 503 before (and if it failed).</summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/health", (Readiness readiness) =>
            readiness.IsReady ? Results.Text("ok") : Results.Text(readiness.HasFailed ? "start-up failed" : "starting", statusCode: 503))
            .AllowAnonymous();
        app.MapHealthProbes();
    }

    /// <summary>
    /// Pages answer 503 with a Swedish message until start-up work has finished. <c>/health/ready</c> answers
    /// "Unhealthy" here too, before the health-check service runs: that service logs every unhealthy result as an
    /// error, and a load balancer polling a starting instance would fill the log with them. (A failed start-up is
    /// logged once, by <see cref="StartupWork"/>.)
    /// </summary>
    public static void UseReadinessGate(this IApplicationBuilder app)
    {
        var readiness = app.ApplicationServices.GetRequiredService<Readiness>();
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (readiness.IsReady || (path.StartsWithSegments("/health") && !path.StartsWithSegments("/health/ready")))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(path.StartsWithSegments("/health/ready") ? "Unhealthy" : "Webbplatsen startar. Försök igen om en stund.");
        });
    }
}
