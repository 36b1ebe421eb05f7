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

    /// <summary>Pages answer 503 with a Swedish message until start-up work has finished.</summary>
    public static void UseReadinessGate(this IApplicationBuilder app)
    {
        var readiness = app.ApplicationServices.GetRequiredService<Readiness>();
        app.Use(async (context, next) =>
        {
            if (readiness.IsReady || context.Request.Path.StartsWithSegments("/health"))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Webbplatsen startar. Försök igen om en stund.");
        });
    }
}
