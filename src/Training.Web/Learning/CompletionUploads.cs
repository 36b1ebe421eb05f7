using Microsoft.EntityFrameworkCore;
using Training.Web.Data;
using Training.Web.Employees;

namespace Training.Web.Learning;

/// <summary>An uploaded completions file between its preview and its import, and the import's result afterwards.</summary>
public sealed class CompletionUpload
{
    public required string Id { get; init; }
    public required int AgencyId { get; init; }
    public required string AgencyName { get; init; }
    public required string UploaderId { get; init; }
    public required string UploaderLabel { get; init; }
    public required string FileName { get; init; }
    public required DateTime UploadedAt { get; init; }

    /// <summary>Set once the file is imported (and then deleted).</summary>
    public CompletionImportResult? Result { get; set; }

    /// <summary>When a confirmation began importing it: the one confirmation that may import it, on whichever instance.</summary>
    public DateTime? ImportingSince { get; set; }
}

/// <summary>
/// Uploaded completions files, in the database beside the employee imports so that every instance of the site sees them:
/// a row per upload named by a random 128-bit id, with the agency (fixed at upload, so nothing the browser sends later
/// changes it), the uploader and the result, and the file in <see cref="ImportFile"/> until it is imported. An upload
/// nobody confirms is removed after a day: it holds personal data.
/// </summary>
public sealed class CompletionUploads(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>A confirmation that has not finished importing within this long is taken to have died with its instance.</summary>
    public static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(10);

    public async Task CreateAsync(CompletionUpload upload, byte[] file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        await RemoveUnconfirmedAsync(db, cancellationToken);
        db.CompletionUploads.Add(upload);
        db.ImportFiles.Add(ImportFile.Of(upload.Id, file));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<CompletionUpload?> FindAsync(string? id, CancellationToken cancellationToken = default)
    {
        if (!ImportStore.IsId(id))
        {
            return null;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        return await db.CompletionUploads.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
    }

    public async Task<byte[]?> ReadFileAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!ImportStore.IsId(id))
        {
            return null;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        return await db.ImportFiles.Where(f => f.Id == id).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Whether this confirmation may import the upload: true for exactly one of several confirmations at once (a double
    /// click, or two instances), by a conditional update; false once it is imported or another is importing it.
    /// </summary>
    public async Task<bool> TryBeginImportAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - ImportTimeout;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        return await db.CompletionUploads
            .Where(u => u.Id == id && u.Result == null && (u.ImportingSince == null || u.ImportingSince < stale))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.ImportingSince, now), cancellationToken) == 1;
    }

    /// <summary>Lets go of an import that did not finish, so that it can be confirmed again at once.</summary>
    public async Task EndImportAsync(string id)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        await db.CompletionUploads.Where(u => u.Id == id && u.Result == null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.ImportingSince, (DateTime?)null));
    }

    /// <summary>Keeps the result and deletes the file: it is in the database now.</summary>
    public async Task FinishAsync(CompletionUpload upload, CompletionImportResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        upload.Result = result;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        await db.CompletionUploads.Where(u => u.Id == upload.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Result, result), cancellationToken);
        await db.ImportFiles.Where(f => f.Id == upload.Id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Removes uploads not imported within <see cref="ImportStore.UnconfirmedLifetime"/>, file and all.</summary>
    private async Task RemoveUnconfirmedAsync(TrainingDbContext db, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - ImportStore.UnconfirmedLifetime;
        var old = db.CompletionUploads.Where(u => u.Result == null && u.ImportingSince == null && u.UploadedAt < before);
        await db.ImportFiles.Where(f => old.Any(u => u.Id == f.Id)).ExecuteDeleteAsync(cancellationToken);
        await old.ExecuteDeleteAsync(cancellationToken);
    }
}
