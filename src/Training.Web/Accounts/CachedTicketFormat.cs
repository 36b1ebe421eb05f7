using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Training.Web.Accounts;

/// <summary>
/// Decrypting the session cookie was a fifth of a signed-in page. The cookie is authenticated by its MAC, so the
/// same cookie text always yields the same ticket: remember it for a short while. Each caller gets its own copy
/// of the properties, since the cookie handler may change them.
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, IMemoryCache cache) : ISecureDataFormat<AuthenticationTicket>
{
    private static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return null;
        }
        var key = (nameof(CachedTicketFormat), purpose, protectedText);
        if (!cache.TryGetValue(key, out AuthenticationTicket? ticket))
        {
            ticket = inner.Unprotect(protectedText, purpose);
            if (ticket is null)
            {
                return null;
            }
            cache.Set(key, ticket, RememberFor);
        }
        return Copy(ticket!);
    }

    public static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(ticket.Principal, ticket.Properties.Clone(), ticket.AuthenticationScheme);
}
