using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Training.Web.Accounts;

namespace Training.Web.Certificates;

/// <summary>
/// How many certificate verifications (the page marked <c>[EnableRateLimiting(Policies.VerificationRate)]</c>) one client
/// address may ask for a minute, so that nobody can try codes in bulk; more answers 429 with the site's Swedish page.
/// </summary>
public static class VerificationLimit
{
    public const string Setting = "Security:VerificationsPerMinute";
    public const int Default = 30;

    public static void AddVerificationLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = Math.Max(1, configuration.GetValue(Setting, Default));
        // The rate limiter itself (its 429 and Retry-After) is set up with the sign-in limits; this adds a policy to it.
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(Policies.VerificationRate, context =>
            RateLimitPartition.GetFixedWindowLimiter(SignInLimits.ClientAddress(context), _ => SignInLimits.PerMinute(perMinute))));
    }
}
