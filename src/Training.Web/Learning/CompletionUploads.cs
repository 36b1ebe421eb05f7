using System.Text.Json;
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
}

/// <summary>
/// Uploaded completions files, beside the employee imports (<see cref="ImportStore.Folder"/>/<c>completions</c>): one
/// folder per upload, named by a random 128-bit id, holding the file until it is imported and <c>upload.json</c> with
/// the agency (fixed at upload, so nothing the browser sends later changes it), the uploader and the result. An upload
/// nobody confirms is removed after a day: it holds personal data.
/// </summary>
public sealed class CompletionUploads(ImportStore imports, TimeProvider clock)
{
    private const string FileName = "upload.csv";
    private const string StateName = "upload.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Folder => Path.Combine(imports.Folder, "completions");

    public async Task CreateAsync(CompletionUpload upload, byte[] file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        RemoveUnconfirmed();
        var folder = Path.Combine(Folder, upload.Id);
        ImportStore.CreatePrivateFolder(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, FileName), file, cancellationToken);
        await SaveAsync(upload, cancellationToken);
    }

    public async Task<CompletionUpload?> FindAsync(string? id, CancellationToken cancellationToken = default)
    {
        if (!ImportStore.IsId(id) || !File.Exists(Path.Combine(Folder, id!, StateName)))
        {
            return null;
        }
        await using var stream = File.OpenRead(Path.Combine(Folder, id!, StateName));
        return await JsonSerializer.DeserializeAsync<CompletionUpload>(stream, Json, cancellationToken);
    }

    public async Task<byte[]?> ReadFileAsync(string id, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Folder, id, FileName);
        return ImportStore.IsId(id) && File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    /// <summary>Keeps the result and deletes the file: it is in the database now.</summary>
    public async Task FinishAsync(CompletionUpload upload, CompletionImportResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        upload.Result = result;
        await SaveAsync(upload, cancellationToken);
        File.Delete(Path.Combine(Folder, upload.Id, FileName));
    }

    private async Task SaveAsync(CompletionUpload upload, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, upload.Id, StateName);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(upload, Json), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private static DateTime? UploadedAt(string statePath)
    {
        try
        {
            return JsonSerializer.Deserialize<CompletionUpload>(File.ReadAllBytes(statePath), Json)?.UploadedAt;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    private void RemoveUnconfirmed()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }
        var before = clock.GetUtcNow().UtcDateTime - ImportStore.UnconfirmedLifetime;
        foreach (var folder in Directory.EnumerateDirectories(Folder).Where(f => ImportStore.IsId(Path.GetFileName(f))))
        {
            if (File.Exists(Path.Combine(folder, FileName)) && UploadedAt(Path.Combine(folder, StateName)) is { } uploadedAt && uploadedAt < before)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
