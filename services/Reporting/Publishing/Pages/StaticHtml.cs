using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace Partnership.Reporting.Publishing.Pages;

/// <summary>
/// Renders a page component to its HTML text, for the callers that need the text rather than a
/// response: the gRPC export, the print page Chromium turns into the PDF, and the edition pages still
/// built as strings. The endpoints send components as <c>RazorComponentResult</c> instead.
/// </summary>
public static class StaticHtml
{
    // The pages inject nothing: an empty container is all the renderer needs.
    private static readonly IServiceProvider Services = new ServiceCollection().BuildServiceProvider();

    public static string Render<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        using var renderer = new HtmlRenderer(Services, NullLoggerFactory.Instance);
        // The pages do no asynchronous work, so the render is complete when InvokeAsync returns.
        return renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return root.ToHtmlString();
        }).GetAwaiter().GetResult();
    }
}
