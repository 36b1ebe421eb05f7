using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Training.Web.Components;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Infrastructure;
using Training.Web.Pages.Modules;

namespace Training.Web;

/// <summary>The composition root: services, middleware and endpoints of the site.</summary>
public static class TrainingApp
{
    public static readonly CultureInfo Swedish = new("sv-SE");
    public static readonly CultureInfo English = new("en");

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The current directory is the caller's (verbs take paths from it); settings live beside the app.
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = ContentPaths.FindTopLevel("wwwroot"),
        });
        AddServices(builder);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<TrainingDbContext>(options => UseDatabase(options, builder.Configuration));
        services.AddSingleton<ContentCatalogue>();
        services.AddSingleton<ContentImporter>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<StaticAssets>();
        services.AddSingleton<ComponentHtml>();
        services.AddHostedService<StartupWork>();

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, CachedStringLocalizerFactory>();
        services.AddRazorPages()
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
        services.AddAntiforgery(options => options.HeaderName = "RequestVerificationToken");
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
    }

    public static void UseDatabase(DbContextOptionsBuilder options, IConfiguration configuration)
    {
        var connection = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Training") ?? "Data Source=data/training.db");
        if (connection.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file))
        {
            connection.DataSource = Path.GetFullPath(file);
        }
        if (Path.GetDirectoryName(connection.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        connection.DefaultTimeout = Math.Max(connection.DefaultTimeout, 30);
        options.UseSqlite(connection.ToString(), sqlite => sqlite.MigrationsHistoryTable("__ef_migrations"))
            .AddInterceptors(new SqlitePragmas());
    }

    /// <summary>The content folder: <c>Content:Path</c> (relative to the current directory), else the top-level content/.</summary>
    public static string ContentPath(IConfiguration configuration) =>
        configuration["Content:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : ContentPaths.FindTopLevel("content") ?? Path.GetFullPath("content");

    private static void UsePipeline(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fel");
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/fel/{0}");
        app.UseStaticFiles();
        app.MapHealth();
        app.UseReadinessGate();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAntiforgery();
        app.MapModuleFiles();
        app.MapRazorPages();
    }
}
