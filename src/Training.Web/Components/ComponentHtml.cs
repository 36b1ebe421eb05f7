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
/// </summary>
public sealed class ComponentHtml(IServiceProvider services, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly HtmlRenderer renderer = new(services, loggers);
    private readonly ConcurrentDictionary<string, Task<IHtmlContent>> rendered = new(StringComparer.Ordinal);

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

    public ValueTask DisposeAsync() => renderer.DisposeAsync();
}
