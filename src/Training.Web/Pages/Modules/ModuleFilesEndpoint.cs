using Microsoft.EntityFrameworkCore;
using Training.Core.Content;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Pages.Modules;

/// <summary>
/// <c>/moduler/{id}/filer/{*path}</c>: a module's images and attachments, from a stored version, never from the live
/// folder: the version named by <c>?v=</c> (the start of its content hash, which the version's own pages put in their
/// links), else the version served now. Images, PDF and plain text are shown with their type; any other file is a
/// download, so no module file runs as a page of the site. Drafts' files are never served here.
/// </summary>
public static class ModuleFilesEndpoint
{
    private const string Download = "application/octet-stream";

    public static void MapModuleFiles(this WebApplication app) =>
        app.MapGet("/moduler/{id}/filer/{**path}", async (string id, string path, string? v, ContentCatalogue catalogue, TrainingDbContext db, HttpContext context) =>
        {
            if (catalogue.Find(id) is not { } module || ModuleFiles.ServablePath(path) is not { } relative)
            {
                return Results.NotFound();
            }
            var versionId = module.VersionId;
            if (v is { Length: > 0 } && !module.ContentHash.StartsWith(v, StringComparison.Ordinal))
            {
                var named = await db.ModuleVersions.Where(x => x.ModuleId == id && x.ContentHash.StartsWith(v))
                    .OrderByDescending(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync(context.RequestAborted);
                if (named is not { } found)
                {
                    return Results.NotFound();
                }
                versionId = found;
            }
            if (await ModuleStore.FileAsync(db, versionId, relative, context.RequestAborted) is not { } bytes)
            {
                return Results.NotFound();
            }
            // Files need sign-in: a shared cache must not keep them.
            context.Response.Headers.CacheControl = "private, max-age=3600";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return ModuleFiles.ShownTypes.TryGetValue(Path.GetExtension(relative), out var contentType)
                ? Results.File(bytes, contentType, enableRangeProcessing: true)
                : Results.File(bytes, Download, fileDownloadName: Path.GetFileName(relative), enableRangeProcessing: true);
        });
}
