using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

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
}

/// <summary>
/// Uploaded employee files and their imports, on disk under <c>Import:Folder</c> (default: <c>imports/</c> beside the
/// SQLite file): one folder per import, named by a random 128-bit id, with the file as uploaded (deleted once imported)
/// and <c>import.json</c> with the agency, the uploader, the preview and the result. The agency is recorded here at
/// upload, so nothing the browser sends later can change it. Files only the site's user may read.
/// </summary>
public sealed class ImportStore : IDisposable
{
    private const string FileName = "upload.csv";
    private const string StateName = "import.json";

    /// <summary>An upload nobody confirmed is removed after this long: it holds personal data.</summary>
    public static readonly TimeSpan UnconfirmedLifetime = TimeSpan.FromDays(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly TimeProvider clock;
    private readonly SemaphoreSlim writing = new(1, 1);

    public ImportStore(IConfiguration configuration, TimeProvider clock)
    {
        this.clock = clock;
        Folder = configuration["Import:Folder"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(TrainingDatabase.DataFolder(configuration), "imports");
    }

    public string Folder { get; }

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Only ids this store makes: 32 lower-case hex digits, so an id can never name another path.</summary>
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
        RemoveUnconfirmed();
        RemoveEarlierPreviews(import, file);
        var folder = FolderOf(import.Id);
        CreatePrivateFolder(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, FileName), file, cancellationToken);
        await SaveAsync(import, cancellationToken);
    }

    /// <summary>A folder only the site's own user may read: uploads hold personal data.</summary>
    public static void CreatePrivateFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public async Task<StoredImport?> FindAsync(string? id, CancellationToken cancellationToken = default)
    {
        if (!IsId(id) || !File.Exists(Path.Combine(FolderOf(id!), StateName)))
        {
            return null;
        }
        await using var stream = File.OpenRead(Path.Combine(FolderOf(id!), StateName));
        return await JsonSerializer.DeserializeAsync<StoredImport>(stream, Json, cancellationToken);
    }

    /// <summary>Writes the state beside a temporary name and moves it over, so a reader never sees half a file.</summary>
    public async Task SaveAsync(StoredImport import, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        await writing.WaitAsync(cancellationToken);
        try
        {
            var path = Path.Combine(FolderOf(import.Id), StateName);
            var temporary = path + ".tmp";
            await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(import, Json), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            writing.Release();
        }
    }

    public async Task<byte[]?> ReadFileAsync(string id, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(FolderOf(id), FileName);
        return IsId(id) && File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public bool HasFile(string id) => IsId(id) && File.Exists(Path.Combine(FolderOf(id), FileName));

    public void DeleteFile(string id)
    {
        if (IsId(id))
        {
            File.Delete(Path.Combine(FolderOf(id), FileName));
        }
    }

    /// <summary>Removes uploads that were previewed but never confirmed within <see cref="UnconfirmedLifetime"/>.</summary>
    private void RemoveUnconfirmed()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }
        var before = clock.GetUtcNow().UtcDateTime - UnconfirmedLifetime;
        foreach (var folder in Directory.EnumerateDirectories(Folder).Where(f => IsId(Path.GetFileName(f))))
        {
            var upload = Path.Combine(folder, FileName);
            var state = Path.Combine(folder, StateName);
            if (File.Exists(upload) && ReadState(state) is { State: ImportState.Preview } import && import.UploadedAt < before)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// Removes the uploader's earlier previews of the same file for the same agency, and their oldest previews beyond
    /// <see cref="PreviewsPerPerson"/> less the one being made.
    /// </summary>
    private void RemoveEarlierPreviews(StoredImport import, byte[] file)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }
        var previews = Directory.EnumerateDirectories(Folder)
            .Where(f => IsId(Path.GetFileName(f)) && File.Exists(Path.Combine(f, FileName)))
            .Select(f => (Folder: f, Import: ReadState(Path.Combine(f, StateName))))
            .Where(p => p.Import is { State: ImportState.Preview } earlier && earlier.UploaderId == import.UploaderId)
            .OrderByDescending(p => p.Import!.UploadedAt)
            .ToList();
        var kept = 0;
        foreach (var (folder, earlier) in previews)
        {
            var sameFile = earlier!.AgencyId == import.AgencyId && SameBytes(Path.Combine(folder, FileName), file);
            if (sameFile || kept >= PreviewsPerPerson - 1)
            {
                Directory.Delete(folder, recursive: true);
            }
            else
            {
                kept++;
            }
        }
    }

    private static bool SameBytes(string path, byte[] file)
    {
        try
        {
            return new FileInfo(path).Length == file.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(file);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static StoredImport? ReadState(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<StoredImport>(File.ReadAllBytes(path), Json);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    private string FolderOf(string id) => Path.Combine(Folder, id);

    public void Dispose() => writing.Dispose();
}
