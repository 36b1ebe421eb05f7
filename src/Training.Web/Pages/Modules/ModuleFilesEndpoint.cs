using Microsoft.AspNetCore.StaticFiles;
using Training.Core.Content;
using Training.Web.Content;

namespace Training.Web.Pages.Modules;

/// <summary><c>/moduler/{id}/filer/{*path}</c>: a module's images and attachments, from its own folder only.</summary>
public static class ModuleFilesEndpoint
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapModuleFiles(this WebApplication app) =>
        app.MapGet("/moduler/{id}/filer/{**path}", (string id, string path, ContentCatalogue catalogue, HttpContext context) =>
        {
            if (catalogue.Find(id) is not { } module || ModuleFiles.FindServable(module.Source.Folder, path) is not { } file)
            {
                return Results.NotFound();
            }
            if (!ContentTypes.TryGetContentType(file, out var contentType))
            {
                contentType = "application/octet-stream";
            }
            context.Response.Headers.CacheControl = "private, max-age=3600"; // behind sign-in: no shared cache keeps them
            return Results.File(file, contentType, enableRangeProcessing: true);
        });
}
