using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Training.Web.Data;

namespace Training.Web.Infrastructure;

/// <summary>
/// <c>/health/live</c>: the process answers (a supervisor restarts it when it does not). <c>/health/ready</c>: the
/// database answers, every migration is applied and start-up work (content import, agencies) is done, so a load balancer
/// may send it people. Both are anonymous and say only Healthy or Unhealthy (200 or 503), never why.
/// </summary>
public static class Health
{
    private const string Live = "live";
    private const string Ready = "ready";

    public static void AddHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [Live])
            .AddCheck<ReadyCheck>("database-and-content", tags: [Ready]);

    public static void MapHealthProbes(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live) }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
    }

    private sealed class ReadyCheck(TrainingDbContext db, Readiness readiness) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!readiness.IsReady)
            {
                return HealthCheckResult.Unhealthy(readiness.HasFailed ? "start-up failed" : "starting");
            }
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("database unreachable");
            }
            // Another instance may have started with newer code and migrated; this one's model would not match.
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                return HealthCheckResult.Unhealthy("migrations pending");
            }
            return HealthCheckResult.Healthy();
        }
    }
}
