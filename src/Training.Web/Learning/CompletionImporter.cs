using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Core.Employees;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Employees;

namespace Training.Web.Learning;

/// <summary>
/// What a preview found or an import did: rows added (or to add), rows skipped because the same imported completion is
/// already stored (a re-import), and refused rows with their reasons.
/// </summary>
public sealed record CompletionImportResult(int Added, IReadOnlyList<int> ExistingRows, IReadOnlyList<RowError> Errors, ImportReason? FileError)
{
    public int Rejected => Errors.Select(e => e.Row).Distinct().Count();

    public static CompletionImportResult Failed(ImportReason reason) => new(0, [], [], reason);
}

/// <summary>
/// Brings past completions in from another system (issue #14): for the upload page and the <c>completions import</c>
/// verb. The row rules are Training.Core's (<see cref="CompletionCsv"/>, <see cref="CompletionRows"/>); this finds the
/// people (by employee number or address, within the agency only) and what is already stored. Every completion is made
/// by <see cref="Completions.Recorded"/> with the module's current stored version. A row equal to a stored imported
/// completion (same person, module and time) is skipped, so a re-import adds nothing. Rows are written in batches,
/// each in its own <see cref="DatabaseWrites"/> transaction that looks again for what is stored; the
/// audit entry, with the counts, goes with the last batch.
/// </summary>
public sealed class CompletionImporter(TrainingDbContext db, ContentCatalogue catalogue, DatabaseWrites writes, AuditLog auditLog, TimeProvider clock)
{
    public const int BatchSize = 2_000;

    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private sealed record Planned(CompletionRecord Record, string UserId, int AgencyId);

    private sealed record Plan(List<Planned> Rows, List<int> ExistingRows, List<RowError> Errors, ImportReason? FileError);

    public static Task<Agency?> FindAgencyAsync(TrainingDbContext db, string code, CancellationToken cancellationToken = default) =>
        db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, cancellationToken);

    public static Task<Agency?> FindAgencyAsync(TrainingDbContext db, int id, CancellationToken cancellationToken = default) =>
        db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>What importing the file would do, without changing anything.</summary>
    public async Task<CompletionImportResult> PreviewAsync(Agency agency, byte[] file, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(agency, file, cancellationToken);
        return plan.FileError is { } fileError ? CompletionImportResult.Failed(fileError) : new(plan.Rows.Count, plan.ExistingRows, plan.Errors, null);
    }

    /// <summary>Imports the good rows of the file; <paramref name="fileName"/> goes into each completion's note, for who reads it later.</summary>
    public async Task<CompletionImportResult> ImportAsync(Agency agency, byte[] file, string fileName, ImportActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(actor);
        var plan = await PlanAsync(agency, file, cancellationToken);
        if (plan.FileError is { } fileError)
        {
            return CompletionImportResult.Failed(fileError);
        }
        var note = $"Importerad från filen {fileName}";
        var existing = plan.ExistingRows;
        var added = 0;
        var batches = plan.Rows.Chunk(BatchSize).ToList();
        if (batches.Count == 0)
        {
            batches.Add([]); // a file without new rows is an import too: its audit entry needs a transaction
        }
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            var last = i == batches.Count - 1;
            var (batchAdded, batchExisting) = await writes.RunAsync(db, async () =>
            {
                var stored = await StoredAsync(batch.Select(p => p.UserId).Distinct().ToList(), cancellationToken);
                var storedMeanwhile = new List<int>();
                var newRows = 0;
                foreach (var row in batch)
                {
                    if (stored.Contains((row.UserId, row.Record.ModuleId, row.Record.CompletedAt)))
                    {
                        storedMeanwhile.Add(row.Record.Row); // stored by another import since the plan was made
                        continue;
                    }
                    var module = catalogue.Find(row.Record.ModuleId)!;
                    db.Completions.Add(Completions.Recorded(CompletedVersion.Of(module), row.UserId, row.AgencyId, row.Record.CompletedAt,
                        CompletionSources.Import, actor.UserId, note, row.Record.ScorePercent, row.Record.ExpiresAt));
                    newRows++;
                }
                if (last)
                {
                    auditLog.Add(db, actor.EntryFor(AuditActions.CompletionsImported, agency.Id, agency.Code, agency.Name, string.Create(CultureInfo.InvariantCulture,
                        $"Filen {fileName}: {added + newRows} genomförda utbildningar tillagda, {existing.Count + storedMeanwhile.Count} fanns redan, {plan.Errors.Select(e => e.Row).Distinct().Count()} avvisade rader.")));
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(cancellationToken);
                return (newRows, storedMeanwhile);
            }, cancellationToken);
            added += batchAdded;
            existing.AddRange(batchExisting);
            db.ChangeTracker.Clear();
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return new CompletionImportResult(added, [.. existing.Order()], plan.Errors, null);
    }

    private async Task<Plan> PlanAsync(Agency agency, byte[] file, CancellationToken cancellationToken)
    {
        var read = CompletionCsv.Read(file);
        if (read.FileError is { } fileError)
        {
            return new Plan([], [], [], fileError);
        }
        var moduleIds = catalogue.Modules.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var checkedRows = CompletionRows.Check(read.Rows, moduleIds, Stockholm, now);
        var errors = new List<RowError>(read.Errors);
        errors.AddRange(checkedRows.Errors);

        // Everyone of the agency, once: a file names a large part of it, and the agency boundary is this one query.
        var people = await db.Users.AsNoTracking().Where(u => u.AgencyId == agency.Id)
            .Select(u => new { u.Id, u.AgencyId, u.EmployeeNumber, u.NormalizedEmail })
            .ToListAsync(cancellationToken);
        var byNumber = people.Where(p => p.EmployeeNumber != null).GroupBy(p => p.EmployeeNumber!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byEmail = people.Where(p => p.NormalizedEmail != null).GroupBy(p => p.NormalizedEmail!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var rows = new List<Planned>();
        foreach (var record in checkedRows.Records)
        {
            var byItsNumber = record.EmployeeNumber is { } number ? byNumber.GetValueOrDefault(number) : null;
            var byItsEmail = record.Email is { } email ? byEmail.GetValueOrDefault(email.ToUpperInvariant()) : null;
            var refused = errors.Count;
            if (record.EmployeeNumber is not null && byItsNumber is null)
            {
                errors.Add(new RowError(record.Row, CompletionReasons.Of(CompletionReasons.EmployeeNumberUnknown)));
            }
            if (record.Email is not null && byItsEmail is null)
            {
                errors.Add(new RowError(record.Row, CompletionReasons.Of(CompletionReasons.EmailUnknown)));
            }
            if (byItsNumber is not null && byItsEmail is not null && byItsNumber.Id != byItsEmail.Id)
            {
                errors.Add(new RowError(record.Row, CompletionReasons.Of(CompletionReasons.PersonMismatch)));
            }
            if (errors.Count == refused)
            {
                var person = byItsNumber ?? byItsEmail!;
                rows.Add(new Planned(record, person.Id, person.AgencyId));
            }
        }

        var stored = await StoredAsync(rows.Select(r => r.UserId).Distinct().ToList(), cancellationToken);
        var firstRow = new Dictionary<(string, string, DateTime), int>();
        var existing = new List<int>();
        var planned = new List<Planned>();
        foreach (var row in rows)
        {
            var key = (row.UserId, row.Record.ModuleId, row.Record.CompletedAt);
            if (stored.Contains(key))
            {
                existing.Add(row.Record.Row);
            }
            else if (firstRow.TryGetValue(key, out var first))
            {
                errors.Add(new RowError(row.Record.Row, CompletionReasons.Of(CompletionReasons.SameAsRow, first.ToString(CultureInfo.InvariantCulture))));
            }
            else
            {
                firstRow[key] = row.Record.Row;
                planned.Add(row);
            }
        }
        return new Plan(planned, existing, [.. errors.OrderBy(e => e.Row)], null);
    }

    /// <summary>The imported completions stored for these people, as (person, module, time): what a row must not repeat.</summary>
    private async Task<HashSet<(string, string, DateTime)>> StoredAsync(List<string> userIds, CancellationToken cancellationToken)
    {
        var stored = new HashSet<(string, string, DateTime)>();
        foreach (var chunk in userIds.Chunk(500))
        {
            var found = await db.Completions.AsNoTracking()
                .Where(c => c.Source == CompletionSources.Import && chunk.Contains(c.UserId))
                .Select(c => new { c.UserId, c.ModuleId, c.CompletedAt })
                .ToListAsync(cancellationToken);
            stored.UnionWith(found.Select(c => (c.UserId, c.ModuleId, c.CompletedAt)));
        }
        return stored;
    }
}
