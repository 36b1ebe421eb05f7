using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Html;

namespace Training.Web.Components;

/// <summary>
/// Renders display-only components to HTML once per component, parameters and UI culture, and reuses the result:
/// the component tag helper builds a whole renderer per request, which cost a sixth of a section page.
/// Only for components whose output depends on nothing but their parameters and the culture.
/// The renderer resolves scoped services (the components' activity source among them), so it lives in a scope of its
/// own for as long as this singleton does, never on the root provider.
/// </summary>
public sealed class ComponentHtml : IAsyncDisposable
{
    private readonly AsyncServiceScope scope;
    private readonly HtmlRenderer renderer;
    private readonly ConcurrentDictionary<string, Task<IHtmlContent>> rendered = new(StringComparer.Ordinal);

    public ComponentHtml(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        scope = scopes.CreateAsyncScope();
        renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
    }

    public Task<IHtmlContent> RenderAsync<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent
    {
        var culture = CultureInfo.CurrentUICulture;
        var key = string.Join('|', [typeof(TComponent).FullName, culture.Name, .. parameters.Select(p => $"{p.Name}={p.Value}")]);
        return rendered.GetOrAdd(key, _ => renderer.Dispatcher.InvokeAsync(async () =>
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                var output = await renderer.RenderComponentAsync<TComponent>(
                    ParameterView.FromDictionary(parameters.ToDictionary(p => p.Name, p => p.Value)));
                return (IHtmlContent)new HtmlString(output.ToHtmlString());
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await renderer.DisposeAsync();
        await scope.DisposeAsync();
    }
}
