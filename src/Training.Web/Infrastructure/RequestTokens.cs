using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Training.Web.Infrastructure;

/// <summary>
/// Antiforgery request tokens for pages that carry forms, reused for a while per antiforgery cookie and person.
/// Making one unprotects the cookie token and protects a new request token, which cost a third of a section page;
/// a token stays valid for its cookie and person however often it is sent, so one made earlier serves as well.
/// Safe to reuse because responses are never compressed (no BREACH) and the cache is on the server.
/// </summary>
public sealed class RequestTokens(IAntiforgery antiforgery, IMemoryCache cache, IOptions<AntiforgeryOptions> options)
{
    private static readonly TimeSpan ReuseFor = TimeSpan.FromMinutes(10);

    public string For(HttpContext context)
    {
        var cookie = context.Request.Cookies[options.Value.Cookie.Name!];
        var key = cookie is null ? null : new CacheKey(cookie, context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
        if (key is not null && cache.TryGetValue(key, out string? token))
        {
            // what the antiforgery service does for a page with a token: never stored by a cache
            context.Response.Headers.CacheControl = "no-cache, no-store";
            context.Response.Headers.Pragma = "no-cache";
            return token!;
        }
        var tokens = antiforgery.GetAndStoreTokens(context);
        if (key is not null && tokens.CookieToken is null)
        {
            // the browser's cookie was valid and kept; a new cookie would make this key stale
            cache.Set(key, tokens.RequestToken, ReuseFor);
        }
        return tokens.RequestToken!;
    }

    private sealed record CacheKey(string Cookie, string UserId);
}
