namespace Training.Web.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>No inline script or style anywhere: htmx runs with allowEval off and its indicator styles in our css.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The parts of the site that show personal data: neither the browser nor any cache in between stores them.</summary>
    private static readonly PathString[] PersonalPaths = ["/mina-sidor", "/hr", "/admin", "/konto"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // read before a status-code page re-executes the request under /fel
            var personal = IsPersonal(context.Request.Path);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                if (personal)
                {
                    headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static bool IsPersonal(PathString path) => PersonalPaths.Any(path.StartsWithSegments);
}
