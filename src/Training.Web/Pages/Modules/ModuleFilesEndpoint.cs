using Training.Core.Content;
using Training.Web.Content;

namespace Training.Web.Pages.Modules;

/// <summary>
/// <c>/moduler/{id}/filer/{*path}</c>: a module's images and attachments, from its own folder only. Images, PDF and plain
/// text are shown with their type; any other file is a download, so no module file runs as a page of the site.
/// </summary>
public static class ModuleFilesEndpoint
{
    private const string Download = "application/octet-stream";

    public static void MapModuleFiles(this WebApplication app) =>
        app.MapGet("/moduler/{id}/filer/{**path}", (string id, string path, ContentCatalogue catalogue, HttpContext context) =>
        {
            if (catalogue.Find(id) is not { } module || ModuleFiles.FindServable(module.Source.Folder, path) is not { } file)
            {
                return Results.NotFound();
            }
            // Files need sign-in: a shared cache must not keep them.
            context.Response.Headers.CacheControl = "private, max-age=3600";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return ModuleFiles.ShownTypes.TryGetValue(Path.GetExtension(path), out var contentType)
                ? Results.File(file, contentType, enableRangeProcessing: true)
                : Results.File(file, Download, fileDownloadName: Path.GetFileName(path), enableRangeProcessing: true);
        });
}
