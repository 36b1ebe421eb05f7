using Training.Core.Competence;
using Training.Web.Data;
using Training.Web.Infrastructure;

namespace Training.Web.Learning;

/// <summary>
/// Runs the <see cref="ReminderJob"/> once a day at <c>Reminders:RunAt</c> in Sweden (default 06:00), unless
/// <c>Reminders:Enabled</c> is false. Of several instances of the site, the one that takes the day's lease
/// (<see cref="JobLeases"/>) runs it and the others skip the day; should two ever run it, the job still sends each
/// reminder once. A day the site was down at that hour is not run afterwards; the next day's run catches up, since a
/// reminder stays due for as long as its situation lasts.
/// </summary>
public sealed partial class ReminderSchedule(
    ReminderJob job, JobLeases leases, Readiness readiness, TimeProvider clock, IConfiguration configuration, ILogger<ReminderSchedule> logger) : BackgroundService
{
    public const string EnabledSetting = "Reminders:Enabled";

    /// <summary>The lease on the daily run: long enough to cover a run and the other instances waking for the same hour.</summary>
    public const string LeaseName = "reminders";

    public static readonly TimeSpan Lease = TimeSpan.FromHours(1);

    /// <summary>When the next run is due (UTC); null until the schedule waits for one.</summary>
    public DateTime? NextRunAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(EnabledSetting, true))
        {
            return;
        }
        await Task.WhenAny(readiness.WhenReady, Task.Delay(Timeout.Infinite, stoppingToken));
        if (!readiness.IsReady)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = ReminderRules.NextRun(now, job.RunAt);
            NextRunAt = next;
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                if (await leases.TryTakeAsync(LeaseName, Lease, stoppingToken))
                {
                    await job.RunAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                }
                else
                {
                    LogRunElsewhere();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogRunFailed(error); // tomorrow's run tries again; nothing is marked sent that was not
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Påminnelsejobbet körs av en annan instans i dag")]
    private partial void LogRunElsewhere();

    [LoggerMessage(Level = LogLevel.Error, Message = "Påminnelsejobbet avbröts av ett fel")]
    private partial void LogRunFailed(Exception error);
}
