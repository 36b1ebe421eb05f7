using Training.Web.Data;

namespace Training.Web.Accounts;

public static class Policies
{
    public const string Hr = "hr";
    public const string Admin = "admin";
    public const string SignInRate = "sign-in";

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

    /// <summary>The roles shown in Swedish.</summary>
    public static string RoleName(string role) => role switch
    {
        Roles.Learner => "Deltagare",
        Roles.Trainer => "Utbildare",
        Roles.Hr => "HR",
        Roles.Admin => "Administratör",
        _ => role,
    };
}
