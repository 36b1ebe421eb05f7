using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.AspNetCore.Identity;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Certificates;
using Training.Web.Components;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Employees;
using Training.Web.Infrastructure;
using Training.Web.Learning;
using Training.Web.Pages.Modules;

namespace Training.Web;

/// <summary>The composition root: services, middleware and endpoints of the site.</summary>
public static class TrainingApp
{
    public static readonly CultureInfo Swedish = new("sv-SE");
    public static readonly CultureInfo English = new("en");

    private static readonly string[] AnonymousAccountPages =
        ["Login", "LoginCode", "LoginRecoveryCode", "Logout", "Register", "ConfirmEmail", "ForgotPassword", "ResetPassword", "Invitation"];

    /// <summary>How soon a deactivation or a changed role reaches an existing session.</summary>
    public static readonly TimeSpan StampInterval = TimeSpan.FromMinutes(5);

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The current directory is the caller's (verbs take paths from it); settings live beside the app.
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = ContentPaths.FindTopLevel("wwwroot"),
        });
        // A singleton that captures a scoped service fails at build or first use in every environment, not only in
        // Development (where dotnet run validates scopes) and not silently in Production.
        builder.Host.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = true;
            options.ValidateOnBuild = true;
        });
        AddServices(builder);
        builder.AddLogs();
        builder.AddTelemetry();
        builder.AddHealth();
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        // Pooled: Identity's cookie validation resolves a DbContext on every signed-in request, and building one
        // (options included) cost a sixth of a page.
        TrainingDatabase.From(builder.Configuration).AddServices(services);
        services.AddSingleton<ContentCatalogue>();
        services.AddSingleton<ContentImporter>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<StaticAssets>();
        services.AddSingleton<ComponentHtml>();
        services.AddSingleton<Progress>();
        services.AddSingleton<KnowledgeCheckAnswers>();
        services.AddSingleton<JobLeases>();
        services.AddSingleton<RequestTokens>();
        services.AddSingleton<KnowledgeCheckForms>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ImportStore>();
        services.AddSingleton<EmployeeImporter>();
        services.AddScoped<CompletionImporter>();
        services.AddScoped<Privacy.Anonymisation>();
        services.AddSingleton<CompletionUploads>();
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportJobs>());
        services.AddSingleton<ReminderJob>();
        services.AddSingleton<ReminderSchedule>();
        services.AddHostedService(provider => provider.GetRequiredService<ReminderSchedule>());
        services.AddHostedService<StartupWork>();

        AddAccounts(services, builder.Configuration, builder.Environment);
        services.AddVerificationLimit(builder.Configuration);
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, CachedStringLocalizerFactory>();
        services.AddRazorPages(options =>
            {
                options.Conventions.AllowAnonymousToPage("/Index");
                options.Conventions.AllowAnonymousToPage("/Language");
                options.Conventions.AllowAnonymousToFolder("/Errors");
                options.Conventions.AllowAnonymousToFolder("/Privacy"); // the privacy notice and the accessibility statement
                // The ways in are open; the account's own pages (/konto, password, two-factor) need a session like the rest.
                foreach (var page in AnonymousAccountPages)
                {
                    options.Conventions.AllowAnonymousToPage("/Account/" + page);
                }
                // Managers read the overview and its people; anything else under /hr (a page added later too) stays HR's.
                options.Conventions.AddFolderApplicationModelConvention("/Hr", page => page.EndpointMetadata.Add(
                    new AuthorizeAttribute(Policies.OverviewPages.Contains(page.ViewEnginePath) ? Policies.Overview : Policies.Hr)));
                options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                options.Conventions.AuthorizeFolder("/Audit", Policies.Hr); // /admin/logg: HR reads its own agency's entries
                options.Conventions.AuthorizeFolder("/Authoring", Policies.Trainer); // /redigera
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Swedish);
            options.SupportedCultures = options.SupportedUICultures = [Swedish, English];
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        // Swedish letters stay letters in the HTML instead of becoming entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(options =>
        {
            options.HeaderName = "RequestVerificationToken";
            // Secure whenever the request came over HTTPS (behind a known proxy, as it said). Not Always: with Always the
            // antiforgery system refuses every plain-HTTP request, and a published site on http://localhost could show no form.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddSharedKeys(); // last: it takes out what the AddDataProtection calls above put in
    }

    private static void AddAccounts(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddIdentity<User, IdentityRole>(options =>
            {
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<TrainingDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName)
            .AddPasswordValidator<PasswordRules>()
            .AddClaimsPrincipalFactory<TrainingClaimsFactory>()
            .AddSignInManager<TrainingSignInManager>()
            .AddErrorDescriber<SwedishIdentityErrors>();
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = StampInterval);
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(2));
        services.AddSingleton(new TwoFactorRequirement(configuration.GetValue(TwoFactorRequirement.Setting, !environment.IsDevelopment())));
        services.AddSingleton<DbTicketStore>();
        services.AddSingleton<EmailSender>();
        services.AddScoped<AccountChanges>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DbTicketStore, IDataProtectionProvider, IMemoryCache>((options, store, protection, cache) =>
            {
                options.SessionStore = store;
                options.TicketDataFormat = new CachedTicketFormat(
                    new TicketDataFormat(protection.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2")),
                    cache);
                options.LoginPath = "/konto/logga-in";
                options.LogoutPath = "/konto/logga-ut";
                options.AccessDeniedPath = "/fel/403";
                options.Cookie.Name = "training.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = TimeSpan.FromHours(10);
                options.SlidingExpiration = false;
                // Identity's validator is resolved (with a UserManager and a DbContext) on every request even when it
                // has nothing to do; look at the ticket's age first and call it only when a check is due.
                options.Events.OnValidatePrincipal = context =>
                {
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    return context.Properties.IssuedUtc is { } issued && now - issued <= StampInterval
                        ? Task.CompletedTask
                        : SecurityStampValidator.ValidatePrincipalAsync(context);
                };
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                options.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Headers.ContainsKey("HX-Request"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers["HX-Redirect"] = context.RedirectUri;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }
                    return Task.CompletedTask;
                };
            });
        // The cookie that carries the person from the password to the code step (five minutes, Identity's default).
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "training.tvasteg";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Hr, policy => policy.RequireRole(Roles.Hr, Roles.Admin))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Overview, policy => policy.RequireRole(Roles.Hr, Roles.Admin, Roles.Manager))
            .AddPolicy(Policies.Trainer, policy => policy.RequireRole(Roles.Trainer, Roles.Admin));
        services.AddSingleton<KnownDevices>();
        services.AddSignInLimits(configuration);
    }

    /// <summary>The content folder: <c>Content:Path</c> (relative to the current directory), else the top-level content/.</summary>
    public static string ContentPath(IConfiguration configuration) =>
        configuration["Content:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : ContentPaths.FindTopLevel("content") ?? Path.GetFullPath("content");

    private static void UsePipeline(WebApplication app)
    {
        app.UseKnownProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fel");
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/fel/{0}");
        // No page takes a NUL character, and PostgreSQL refuses one in text: a bad request, not a server error.
        app.Use((context, next) =>
        {
            if (context.Request.Query.Any(q => q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }
            return next(context);
        });
        app.UseStaticFiles();
        app.MapHealth();
        app.UseReadinessGate();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseSignInLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMustChangePassword();
        app.UseTwoFactorForStaff();
        app.UseAntiforgery();
        app.MapModuleFiles();
        app.MapRazorPages();
    }
}
