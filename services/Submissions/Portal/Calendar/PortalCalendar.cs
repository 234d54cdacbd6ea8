using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Domain;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions.Status;

namespace Partnership.Submissions.Portal.Calendar;

/// <summary>
/// <c>GET /portal/calendar?period=FY2024/25-Q3</c>: the return calendar of the signed-in partner's
/// areas (a force's OPCC sees the whole force, and as an OPCC editor its chase list), rendered by
/// <see cref="CalendarPage"/>. Without a period it shows the last quarter, the one being chased now.
/// </summary>
public static class PortalCalendar
{
    public const string Path = ReturnPortal.Root + "/calendar";

    /// <summary>Maps the page where the host offers browser sign-in, as the portal's other pages are.</summary>
    public static IEndpointRouteBuilder MapPortalCalendar(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<IAntiforgery>() is not null)
        {
            // Anonymous at the door so a browser without a session is sent to sign in; the page answers only a signed-in caller.
            app.MapGet(Path, ShowAsync).AllowAnonymous();
        }

        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ICallerContext callers, ChaseListQuery query, Geography geography, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (BrowserSignIn.ShouldSignIn(http))
        {
            return BrowserSignIn.SignInFirst(http.Request);
        }

        var caller = callers.Current;
        if (!caller.IsAuthenticated)
        {
            return Results.Unauthorized();
        }

        var asked = http.Request.Query["period"].FirstOrDefault();
        var period = LastQuarter(clock.GetUtcNow());
        if (!string.IsNullOrWhiteSpace(asked) && !Period.TryParse(asked.Trim(), out period, out var error))
        {
            return Page(new CalendarView(caller.Agency, asked, null, $"Period: {error}", [], []), StatusCodes.Status400BadRequest);
        }

        List<ChaseItem> returns = [];
        List<ForceChaseList> chase = [];
        foreach (var force in ForcesOf(caller, geography, period))
        {
            var expected = await query.ExpectedAsync(force, period, cancellationToken);
            var wholeForce = caller.HoldsArea(force.Code) || caller.IsInRole(Roles.NationalReader);
            returns.AddRange(wholeForce ? expected : expected.Where(item => caller.HoldsArea(item.Area.Code)));
            if (wholeForce && caller.IsInRole(Roles.OpccEditor))
            {
                var csv = $"{ChaseEndpoints.Path}?area={Uri.EscapeDataString(force.Code)}&period={Uri.EscapeDataString(period.Label)}";
                chase.Add(new ForceChaseList(force, ChaseList.Of(expected), csv));
            }
        }

        return Page(new CalendarView(caller.Agency, period.Label, period, null, ChaseList.InOrder(returns), chase));
    }

    /// <summary>The forces whose returns the caller's areas take part in: a force it holds, or the force of a district it holds.</summary>
    private static IEnumerable<AreaDefinition> ForcesOf(Caller caller, Geography geography, Period period) =>
        caller.Areas
            .Select(code => geography.TryGet(code, out var area) && area.Type == AreaType.Force ? area.Code : geography.ForceOf(code, period.End))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(geography.Get)
            .OrderBy(force => force.Name, StringComparer.Ordinal);

    /// <summary>The financial quarter before today's in England: the one whose returns are falling due.</summary>
    public static Period LastQuarter(DateTimeOffset now)
    {
        var day = ReturnCalendar.DayInEngland(now).AddMonths(-3);
        return Period.FinancialQuarter(Period.FinancialYearStarting(day), ((day.Month + 8) % 12 / 3) + 1);
    }

    private static RazorComponentResult<CalendarPage> Page(CalendarView view, int status = StatusCodes.Status200OK) =>
        new(new { View = view }) { StatusCode = status };
}

/// <summary>What the calendar page shows: the caller's expected returns, and for an OPCC editor each force's chase list.</summary>
public sealed record CalendarView(string Agency, string PeriodText, Period? Period, string? Error, IReadOnlyList<ChaseItem> Returns, IReadOnlyList<ForceChaseList> Chase);

/// <summary>A force's overdue and missing returns, with the address of the same list as CSV.</summary>
public sealed record ForceChaseList(AreaDefinition Force, IReadOnlyList<ChaseItem> Items, string CsvPath);
