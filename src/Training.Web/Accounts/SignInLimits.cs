using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Training.Web.Accounts;

/// <summary>
/// How many sign-in, registration and reset POSTs (the pages marked <c>[EnableRateLimiting(Policies.SignInRate)]</c>)
/// a client may send, and which client address they come from.
/// </summary>
/// <remarks>
/// Two fixed one-minute windows, one after the other: per client address and account (the e-mail address typed,
/// normalised; the person of a pending code step; the person a reset or invitation link names), then, looser, per
/// client address whatever the account. The first is checked first and a request it refuses does not count toward the
/// second, so hammering one account from an address that many people share (an office behind NAT) blocks that account
/// from there, not everyone. IPv6 addresses count per /64, which one client can hold whole. The client address is the
/// connection's, or the one a proxy in <c>Security:KnownProxies</c> forwarded; with no proxy configured forwarded
/// headers are ignored, since anyone can send them.
/// </remarks>
public static class SignInLimits
{
    public const string PerAccountSetting = "Security:SignInsPerMinute";
    public const string PerAddressSetting = "Security:SignInsPerMinutePerAddress";
    public const string KnownProxiesSetting = "Security:KnownProxies";

    private const string AccountItem = "training:sign-in-account";

    public static void AddSignInLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perAccount = Math.Max(1, configuration.GetValue(PerAccountSetting, 10));
        var perAddress = Math.Max(1, configuration.GetValue(PerAddressSetting, 100));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The pages name this policy; the limits themselves are the chain below, since a named policy is one limiter.
            options.AddPolicy(Policies.SignInRate, _ => RateLimitPartition.GetNoLimiter(""));
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLimited(context)
                    ? RateLimitPartition.GetFixedWindowLimiter($"{ClientAddress(context)} {context.Items[AccountItem]}", _ => PerMinute(perAccount))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLimited(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => PerMinute(perAddress))
                    : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null; // walk back through every known proxy, stopping at the first unknown address
            options.KnownProxies.Clear(); // the defaults trust loopback
            options.KnownIPNetworks.Clear();
            foreach (var entry in KnownProxies(configuration))
            {
                if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
                {
                    options.KnownIPNetworks.Add(network);
                }
                else if (IPAddress.TryParse(entry, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else
                {
                    throw new InvalidOperationException(
                        $"{KnownProxiesSetting}: \"{entry}\" är varken en IP-adress eller ett nät (till exempel 10.0.0.5 eller 10.0.0.0/8).");
                }
            }
        });
    }

    /// <summary>Forwarded headers from the configured proxies only; none configured, none read (the middleware would trust any).</summary>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        return options.KnownProxies.Count + options.KnownIPNetworks.Count == 0 ? app : app.UseForwardedHeaders(options);
    }

    /// <summary>The limits, after reading which account a limited POST is for (reading the form needs to wait, a limiter cannot).</summary>
    public static IApplicationBuilder UseSignInLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
            {
                if (IsLimited(context))
                {
                    context.Items[AccountItem] = await AccountAsync(context);
                }
                await next(context);
            })
            .UseRateLimiter();

    /// <summary><c>Security:KnownProxies</c> as a list in the settings file, or one value separated by commas, semicolons or spaces.</summary>
    private static IEnumerable<string> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesSetting);
        return section.GetChildren().Select(child => child.Value).Append(section.Value)
            .SelectMany(value => (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static bool IsLimited(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policies.SignInRate;

    public static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    /// <summary>The client a limit counts: its address (IPv6 per /64), or one shared key when the server knows none.</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "okänd adress", // the test server has none
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        { AddressFamily: AddressFamily.InterNetworkV6 } v6 => NetworkOf(v6),
        var address => address.ToString(),
    };

    private static string NetworkOf(IPAddress v6)
    {
        var bytes = v6.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static async Task<string> AccountAsync(HttpContext context)
    {
        var userId = context.Request.Query["anvandare"].ToString();
        if (context.Request.HasFormContentType)
        {
            try
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                if (form["Input.Email"].ToString().Trim() is { Length: > 0 } email)
                {
                    return "e-post:" + context.RequestServices.GetRequiredService<ILookupNormalizer>().NormalizeEmail(email);
                }
                userId = userId.Length > 0 ? userId : form["anvandare"].ToString();
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                return ""; // the page answers a malformed form itself
            }
        }
        if (userId.Length > 0)
        {
            return "konto:" + userId;
        }
        var pending = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return pending.Principal?.FindFirstValue(ClaimTypes.Name) is { } pendingUser ? "konto:" + pendingUser : "";
    }
}
