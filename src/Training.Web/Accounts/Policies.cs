using Training.Web.Data;

namespace Training.Web.Accounts;

public static class Policies
{
    public const string Hr = "hr";
    public const string Admin = "admin";

    /// <summary>Reading the compliance overview and the people behind it: HR, admins and managers (who change and export nothing).</summary>
    public const string Overview = "overview";

    /// <summary>The pages under /hr that managers may read; every other page there is for HR and admins only.</summary>
    public static readonly IReadOnlySet<string> OverviewPages = new HashSet<string>(StringComparer.Ordinal) { "/Hr/Index", "/Hr/Employees", "/Hr/Employee" };
    public const string Trainer = "trainer";
    public const string SignInRate = "sign-in";
    public const string VerificationRate = "verification";

    /// <summary>
    /// Someone signed in with a one-time password reaches nothing but their account page until they have chosen
    /// their own password.
    /// </summary>
    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.User.HasClaim(AccountClaims.MustChangePassword, "true")
                && !context.Request.Path.StartsWithSegments("/konto")
                && !context.Request.Path.StartsWithSegments("/fel"))
            {
                context.Response.Redirect("/konto/byt-losenord");
                return Task.CompletedTask;
            }
            return next(context);
        });

    /// <summary>
    /// Staff who must sign in in two steps (<see cref="TwoFactorRequirement"/>) and have not set it up reach nothing but
    /// its set-up page, sign-out and the error pages (and changing a one-time password first). Reads only the session's
    /// claims. Runs after <see cref="UseMustChangePassword"/>.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorForStaff(this IApplicationBuilder app)
    {
        var requirement = app.ApplicationServices.GetRequiredService<TwoFactorRequirement>();
        return app.Use((context, next) =>
        {
            if (!requirement.IsMissingFor(context.User) || MayPassWithoutTwoFactor(context))
            {
                return next(context);
            }
            if (context.Request.Headers.ContainsKey("HX-Request"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.Headers["HX-Redirect"] = TwoFactorRequirement.SetUpPath;
            }
            else
            {
                context.Response.Redirect(TwoFactorRequirement.SetUpPath);
            }
            return Task.CompletedTask;
        });
    }

    private static bool MayPassWithoutTwoFactor(HttpContext context)
    {
        var path = context.Request.Path;
        return path.StartsWithSegments(TwoFactorRequirement.SetUpPath)
            || path.StartsWithSegments("/konto/logga-ut")
            || path.StartsWithSegments("/fel")
            || path.StartsWithSegments("/sprak")
            || (path.StartsWithSegments("/konto/byt-losenord") && context.User.HasClaim(AccountClaims.MustChangePassword, "true"));
    }

    /// <summary>The roles shown in Swedish.</summary>
    public static string RoleName(string role) => role switch
    {
        Roles.Learner => "Deltagare",
        Roles.Trainer => "Utbildare",
        Roles.Hr => "HR",
        Roles.Manager => "Chef",
        Roles.Admin => "Administratör",
        _ => role,
    };
}
