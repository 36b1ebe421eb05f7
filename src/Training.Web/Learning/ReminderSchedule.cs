using Training.Core.Competence;
using Training.Web.Infrastructure;

namespace Training.Web.Learning;

/// <summary>
/// Runs the <see cref="ReminderJob"/> once a day at <c>Reminders:RunAt</c> in Sweden (default 06:00), unless
/// <c>Reminders:Enabled</c> is false. Every host may run it: the job sends each reminder once however many run it. A day
/// the site was down at that hour is not run afterwards; the next day's run catches up, since a reminder stays due for as
/// long as its situation lasts.
/// </summary>
public sealed partial class ReminderSchedule(
    ReminderJob job, Readiness readiness, TimeProvider clock, IConfiguration configuration, ILogger<ReminderSchedule> logger) : BackgroundService
{
    public const string EnabledSetting = "Reminders:Enabled";

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
                await job.RunAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Påminnelsejobbet avbröts av ett fel")]
    private partial void LogRunFailed(Exception error);
}
