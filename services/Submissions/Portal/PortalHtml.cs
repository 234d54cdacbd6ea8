using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Partnership.Submissions.Portal;

/// <summary>
/// A portal page (a Razor component) as the HTTP answer, rendered on the server without interactivity,
/// as the calendar's and the aggregator's pages are: one way for every page, whose renderer the host's
/// <c>AddRazorComponents</c> (in <see cref="SubmissionExtensions.AddSubmissionPipeline{TContext}"/>) provides.
/// </summary>
internal static class PortalHtml
{
    public static Task<IResult> RenderAsync<TPage>(Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        Task.FromResult<IResult>(new RazorComponentResult<TPage>(parameters) { StatusCode = status });
}
