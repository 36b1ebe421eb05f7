using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Training.Web.Data;

namespace Training.Web.Employees;

public enum ImportState
{
    /// <summary>Uploaded and previewed; nothing is saved until someone confirms.</summary>
    Preview,
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>An uploaded file's import, kept between the preview, the confirmation and the result page.</summary>
public sealed class StoredImport
{
    public required string Id { get; init; }
    public required int AgencyId { get; init; }
    public required string AgencyName { get; init; }
    public required string UploaderId { get; init; }
    public required string UploaderLabel { get; init; }
    public required string FileName { get; init; }
    public required DateTime UploadedAt { get; init; }
    public ImportState State { get; set; }
    public required ImportResult Preview { get; init; }
    public ImportResult? Result { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>The instance running the import (<see cref="JobLeases.Instance"/>), while it runs.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the running instance last said it is still at it; see <see cref="ImportStore.ClaimTimeout"/>.</summary>
    public DateTime? ClaimedAt { get; set; }

    /// <summary>How far the running import has come, as its instance last wrote it.</summary>
    public ImportProgress? Progress { get; set; }

    /// <summary>Running, but no instance has said so within <see cref="ImportStore.ClaimTimeout"/>: its instance stopped mid-way.</summary>
    public bool IsInterruptedAt(DateTime now) =>
        State == ImportState.Running && (ClaimedAt is not { } claimed || claimed < now - ImportStore.ClaimTimeout);
}

/// <summary>
/// An uploaded file (an employee or a completions file) until it is imported, under the id of its upload. Kept apart
/// from the upload's state, so that reading a state (the import page polls it every second) does not read the file.
/// </summary>
public sealed class ImportFile
{
    public required string Id { get; init; }
    public required byte[] Content { get; init; }

    /// <summary>SHA-256 of <see cref="Content"/>, hex: finds an earlier preview of the very same file.</summary>
    public required string Sha256 { get; init; }

    public static ImportFile Of(string id, byte[] content) => new() { Id = id, Content = content, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)) };
}

/// <summary>
/// Uploaded employee files and their imports, in the database so that every instance of the site sees them: a row per
/// import named by a random 128-bit id, with the agency, the uploader, the preview, the progress and the result, and the
/// file as uploaded in <see cref="ImportFile"/> (deleted once imported). The agency is recorded here at upload, so nothing
/// the browser sends later can change it. A queued import is claimed by one instance with a conditional update
/// (<see cref="TryClaimNextAsync"/>), which then keeps its claim fresh while it runs.
/// </summary>
public sealed class ImportStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>An upload nobody confirmed is removed after this long: it holds personal data.</summary>
    public static readonly TimeSpan UnconfirmedLifetime = TimeSpan.FromDays(1);

    /// <summary>
    /// A running import whose instance has not renewed its claim for this long is taken to be cut short (the instance
    /// stopped); the page then offers to start it again. The running instance renews it every second or so.
    /// </summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Only ids this store makes: 32 lower-case hex digits.</summary>
    public static bool IsId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// The most unconfirmed previews one person keeps: each holds a whole HR file of personal data, so a new preview
    /// removes the person's oldest beyond this, and any earlier preview of the very same file for the same agency.
    /// </summary>
    public const int PreviewsPerPerson = 3;

    public async Task CreateAsync(StoredImport import, byte[] file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(file);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var stored = ImportFile.Of(import.Id, file);
        await RemoveUnconfirmedAsync(db, cancellationToken);
        await RemoveEarlierPreviewsAsync(db, import, stored.Sha256, cancellationToken);
        db.EmployeeImports.Add(import);
        db.ImportFiles.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<StoredImport?> FindAsync(string? id, CancellationToken cancellationToken = default)
    {
        if (!IsId(id))
        {
            return null;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        return await db.EmployeeImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
    }

    /// <summary>Writes the whole state of an import as it is now.</summary>
    public async Task SaveAsync(StoredImport import, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        db.EmployeeImports.Update(import);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<byte[]?> ReadFileAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsId(id))
        {
            return null;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        return await db.ImportFiles.Where(f => f.Id == id).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> HasFileAsync(string id, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        return IsId(id) && await db.ImportFiles.AnyAsync(f => f.Id == id, cancellationToken);
    }

    /// <summary>
    /// Queues a previewed import, or one whose instance stopped mid-way (its file still here); false when it is already
    /// queued, running or finished (a second click, or the same click on another instance). One conditional update.
    /// </summary>
    public async Task<bool> TryQueueAsync(string id, CancellationToken cancellationToken = default)
    {
        var stale = clock.GetUtcNow().UtcDateTime - ClaimTimeout;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        return await db.EmployeeImports
            .Where(i => i.Id == id && (i.State == ImportState.Preview
                || (i.State == ImportState.Running && (i.ClaimedAt == null || i.ClaimedAt < stale) && db.ImportFiles.Any(f => f.Id == i.Id))))
            .ExecuteUpdateAsync(i => i
                .SetProperty(x => x.State, ImportState.Queued)
                .SetProperty(x => x.ClaimedBy, (string?)null)
                .SetProperty(x => x.ClaimedAt, (DateTime?)null)
                .SetProperty(x => x.Progress, (ImportProgress?)null), cancellationToken) == 1;
    }

    /// <summary>
    /// Claims the oldest queued import for <paramref name="holder"/>: Queued becomes Running only where it still is
    /// Queued, so of several instances asking at once exactly one gets it. Null when nothing is queued.
    /// </summary>
    public async Task<string?> TryClaimNextAsync(string holder, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var queued = await db.EmployeeImports.Where(i => i.State == ImportState.Queued)
            .OrderBy(i => i.UploadedAt).Select(i => i.Id).Take(5).ToListAsync(cancellationToken);
        foreach (var id in queued)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.EmployeeImports.Where(i => i.Id == id && i.State == ImportState.Queued)
                .ExecuteUpdateAsync(i => i
                    .SetProperty(x => x.State, ImportState.Running)
                    .SetProperty(x => x.ClaimedBy, holder)
                    .SetProperty(x => x.ClaimedAt, now), cancellationToken);
            if (claimed == 1)
            {
                return id;
            }
        }
        return null;
    }

    /// <summary>Renews <paramref name="holder"/>'s claim on a running import and records its progress.</summary>
    public async Task RenewClaimAsync(string id, string holder, ImportProgress? progress, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        await db.EmployeeImports.Where(i => i.Id == id && i.State == ImportState.Running && i.ClaimedBy == holder)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.ClaimedAt, now).SetProperty(x => x.Progress, progress), cancellationToken);
    }

    /// <summary>Records how the import ended and deletes its file: what it held is in the database now (or was refused).</summary>
    public async Task FinishAsync(string id, ImportState state, ImportResult? result, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        await db.EmployeeImports.Where(i => i.Id == id).ExecuteUpdateAsync(i => i
            .SetProperty(x => x.State, state)
            .SetProperty(x => x.Result, result)
            .SetProperty(x => x.FinishedAt, now)
            .SetProperty(x => x.ClaimedBy, (string?)null)
            .SetProperty(x => x.Progress, (ImportProgress?)null), cancellationToken);
        await db.ImportFiles.Where(f => f.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Removes uploads that were previewed but never confirmed within <see cref="UnconfirmedLifetime"/>.</summary>
    private async Task RemoveUnconfirmedAsync(TrainingDbContext db, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - UnconfirmedLifetime;
        var old = db.EmployeeImports.Where(i => i.State == ImportState.Preview && i.UploadedAt < before);
        await db.ImportFiles.Where(f => old.Any(i => i.Id == f.Id)).ExecuteDeleteAsync(cancellationToken);
        await old.ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Removes the uploader's earlier previews of the same file for the same agency, and their oldest previews beyond
    /// <see cref="PreviewsPerPerson"/> less the one being made.
    /// </summary>
    private static async Task RemoveEarlierPreviewsAsync(TrainingDbContext db, StoredImport import, string sha256, CancellationToken cancellationToken)
    {
        var previews = await db.EmployeeImports
            .Where(i => i.State == ImportState.Preview && i.UploaderId == import.UploaderId)
            .OrderByDescending(i => i.UploadedAt)
            .Select(i => new { i.Id, i.AgencyId, Sha256 = db.ImportFiles.Where(f => f.Id == i.Id).Select(f => f.Sha256).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var removed = new List<string>();
        var kept = 0;
        foreach (var earlier in previews)
        {
            var sameFile = earlier.AgencyId == import.AgencyId && earlier.Sha256 == sha256;
            if (sameFile || kept >= PreviewsPerPerson - 1)
            {
                removed.Add(earlier.Id);
            }
            else
            {
                kept++;
            }
        }
        if (removed.Count > 0)
        {
            await db.ImportFiles.Where(f => removed.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
            await db.EmployeeImports.Where(i => removed.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
