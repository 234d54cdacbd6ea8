using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Editions;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing.Editions;
using Partnership.Security;
using Partnership.ServiceDefaults;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The edition pages on the dashboard's port, for a browser's session: <c>/editions?area=</c> lists a
/// force's editions and starts a draft; <c>/editions/{id}</c> shows one, with forms posting its
/// commentary, a refresh of its figures, its sign-off, early publication and correction. Thin adapters
/// over <see cref="EditionBook"/>, which checks the roles and states; its refusals come back as the page
/// with the reason on it. Posts are form posts, so the antiforgery middleware refuses one without the
/// page's token before it reaches here.
/// </summary>
public static class EditionEndpoints
{
    public static IEndpointRouteBuilder MapEditionPages(this IEndpointRouteBuilder app)
    {
        // Anonymous on purpose, as the dashboard: a browser without a session is sent to sign in rather
        // than refused, and EditionBook decides what the signed-in caller may read and do.
        var pages = app.MapGroup("/editions").AllowAnonymous();
        pages.MapGet("", ListAsync);
        pages.MapPost("", CreateAsync);
        pages.MapGet("/{id:long}", ShowAsync);
        pages.MapPost("/{id:long}/commentary", (long id, [FromForm] string kind, [FromForm] string key, [FromForm] string? text, HttpContext http, EditionBook book, IAntiforgery antiforgery, CancellationToken ct) =>
            ActAsync(http, book, antiforgery, id, () => book.CommentAsync(id, kind == "section" ? CommentaryKind.Section : CommentaryKind.Measure, key, text ?? "", ct), ct));
        pages.MapPost("/{id:long}/refresh", (long id, IFormCollection form, HttpContext http, EditionBook book, IAntiforgery antiforgery, CancellationToken ct) =>
            ActAsync(http, book, antiforgery, id, () => book.EditAsync(id, null, null, refreshFigures: true, ct), ct));
        pages.MapPost("/{id:long}/sign-off", SignOffAsync);
        pages.MapPost("/{id:long}/publish", (long id, IFormCollection form, HttpContext http, EditionBook book, IAntiforgery antiforgery, CancellationToken ct) =>
            ActAsync(http, book, antiforgery, id, () => book.PublishAsync(id, ct), ct));
        pages.MapPost("/{id:long}/correct", (long id, [FromForm] string? reason, HttpContext http, EditionBook book, IAntiforgery antiforgery, CancellationToken ct) =>
            ActAsync(http, book, antiforgery, id, () => book.CorrectAsync(id, reason ?? "", ct), ct));
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, string? area, EditionBook book, DeliveryPlans plans, Geography geography, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (SignInNeeded(http) is { } signIn)
        {
            return signIn;
        }

        if (Force(area, plans) is not { } force)
        {
            return Problem("Editions", $"area: '{area}' is not a force area with a Police and Crime Plan; give one, e.g. /editions?area=E23000010.", StatusCodes.Status400BadRequest);
        }

        return List(force, geography.Get(force).Name, await book.ListAsync(force, ct), antiforgery.GetAndStoreTokens(http), null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, string? area, [FromForm] string? period, [FromForm] string? title, EditionBook book, DeliveryPlans plans, Geography geography, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (SignInNeeded(http) is { } signIn)
        {
            return signIn;
        }

        if (Force(area, plans) is not { } force)
        {
            return Problem("Editions", $"area: '{area}' is not a force area with a Police and Crime Plan.", StatusCodes.Status400BadRequest);
        }

        async Task<IResult> Again(string problem, int status) =>
            List(force, geography.Get(force).Name, await book.ListAsync(force, ct), antiforgery.GetAndStoreTokens(http), problem, status);

        if (!Period.TryParse(period, out var parsed, out var error))
        {
            return await Again($"Period: {error}", StatusCodes.Status400BadRequest);
        }

        try
        {
            var edition = await book.CreateAsync(force, parsed, [], title?.Trim() ?? "", "", ct);
            return Results.Redirect($"/editions/{edition.Id.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            return await Again(refusal.Message, refusal.Status);
        }
    }

    private static async Task<IResult> ShowAsync(HttpContext http, long id, int? version, EditionBook book, ICallerContext callers, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (SignInNeeded(http) is { } signIn)
        {
            return signIn;
        }

        return await PageOfAsync(http, book, callers, antiforgery, id, null, StatusCodes.Status200OK, ct, version ?? 0);
    }

    private static Task<IResult> SignOffAsync(long id, [FromForm] string? embargo, [FromForm(Name = "override")] string? staleOverride, HttpContext http, EditionBook book, IAntiforgery antiforgery, CancellationToken ct)
    {
        DateTimeOffset? at = null;
        if (embargo is { Length: > 0 })
        {
            // The datetime-local field has no zone: the page says it is UTC.
            if (!DateTime.TryParse(embargo, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
            {
                return RefusedAsync(http, book, antiforgery, id, $"Embargo: '{embargo}' is not a date and time, e.g. 2026-01-28T09:30.", StatusCodes.Status400BadRequest, ct);
            }

            at = new DateTimeOffset(utc, TimeSpan.Zero);
        }

        return ActAsync(http, book, antiforgery, id, () => book.SignOffAsync(id, at, string.IsNullOrWhiteSpace(staleOverride) ? null : staleOverride, ct), ct);
    }

    /// <summary>Does what a form asks, then shows the edition again (post, redirect, get), or the page with the refusal.</summary>
    private static async Task<IResult> ActAsync<T>(HttpContext http, EditionBook book, IAntiforgery antiforgery, long id, Func<Task<T>> act, CancellationToken ct)
    {
        if (SignInNeeded(http) is { } signIn)
        {
            return signIn;
        }

        try
        {
            await act();
            return Results.Redirect($"/editions/{id.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            return await RefusedAsync(http, book, antiforgery, id, refusal.Message, refusal.Status, ct);
        }
    }

    private static Task<IResult> RefusedAsync(HttpContext http, EditionBook book, IAntiforgery antiforgery, long id, string problem, int status, CancellationToken ct) =>
        PageOfAsync(http, book, http.RequestServices.GetRequiredService<ICallerContext>(), antiforgery, id, problem, status, ct);

    private static async Task<IResult> PageOfAsync(HttpContext http, EditionBook book, ICallerContext callers, IAntiforgery antiforgery, long id, string? problem, int status, CancellationToken ct, int version = 0)
    {
        try
        {
            var view = await ReadAsync(book, callers.Current, id, version, ct);
            var edition = view.Edition;
            var audit = (await book.AuditAsync(edition.ForceAreaCode, PeriodKeys.Parse(edition.PeriodKey), AuditShown, ct)).Where(a => a.EditionId == edition.Id).ToList();
            var parameters = new { View = view, Audit = audit, Tokens = antiforgery.GetAndStoreTokens(http), Problem = problem };
            return new RazorComponentResult<EditionPage>(parameters) { StatusCode = status };
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            return Problem($"Edition {id.ToString(CultureInfo.InvariantCulture)}", problem is null ? refusal.Message : $"{problem} {refusal.Message}", problem is null ? refusal.Status : status);
        }
    }

    // A reader of the force sees the true figures; an editor or approver without a reader's role the
    // disclosed ones, as the public would.
    private static async Task<EditionView> ReadAsync(EditionBook book, Caller caller, long id, int version, CancellationToken ct)
    {
        try
        {
            return await book.GetAsync(id, ReportAudience.Partner, version, ct);
        }
        catch (AccessDeniedException) when (!caller.IsInRole(Roles.PartnerReader) && !caller.IsInRole(Roles.SafeguardingReader))
        {
            return await book.GetAsync(id, ReportAudience.Public, version, ct);
        }
    }

    private static IResult? SignInNeeded(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return null;
        }

        return BrowserSignIn.ShouldSignIn(http)
            ? BrowserSignIn.SignInFirst(http.Request)
            : Results.Text($"The edition pages need a session: sign in at {BrowserSignIn.SignInPath}.", statusCode: StatusCodes.Status401Unauthorized);
    }

    private static string? Force(string? area, DeliveryPlans plans) =>
        area is { Length: > 0 } && plans.TryGet(Geography.Canonical(area), out _) ? Geography.Canonical(area) : null;

    // Enough for an edition's life: a create, its edits, a sign-off, a publication and its corrections.
    private const int AuditShown = 500;

    private static (string Message, int Status)? Refusal(Exception e) => e switch
    {
        AccessDeniedException => (e.Message, StatusCodes.Status403Forbidden),
        NotFoundException => (e.Message, StatusCodes.Status404NotFound),
        StateConflictException => (e.Message, StatusCodes.Status409Conflict),
        RequestRejectedException rejected => (rejected.Summary, StatusCodes.Status400BadRequest),
        _ => null,
    };

    private static RazorComponentResult<EditionListPage> List(string forceCode, string forceName, IReadOnlyList<Edition> editions, AntiforgeryTokenSet tokens, string? problem, int status) =>
        new(new { ForceCode = forceCode, ForceName = forceName, Editions = editions, Tokens = tokens, Problem = problem }) { StatusCode = status };

    // A refusal with nothing else to show: the page frame with the reason at its top.
    private static RazorComponentResult<EditionShell> Problem(string title, string problem, int status) =>
        new(new { Title = title, Problem = problem }) { StatusCode = status };
}
