using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Training.Web.Infrastructure;

/// <summary>
/// Cache-busting URLs for our css and js, hashed once per file and process: the asp-append-version tag helpers
/// cost a noticeable share of every page, and these files only change with a deployment.
/// </summary>
public sealed class StaticAssets(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, string> urls = new(StringComparer.Ordinal);

    public string Url(string path) => urls.GetOrAdd(path, Versioned);

    private string Versioned(string path)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists)
        {
            return path;
        }
        using var stream = file.CreateReadStream();
        return $"{path}?v={WebEncoders.Base64UrlEncode(SHA256.HashData(stream))[..16]}";
    }
}
