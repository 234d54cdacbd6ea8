using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Partnership.Domain;
using Partnership.Security;

namespace Partnership.Submissions.Status;

/// <summary>
/// <c>GET /v1/status/chase.csv?area=E23000010&amp;period=FY2024/25-Q3</c>: the OPCC's chase list as CSV,
/// for the OPCC analyst of that force (a token holding the force area, or a national reader).
/// </summary>
public static class ChaseEndpoints
{
    public const string Path = "/v1/status/chase.csv";

    public static IEndpointRouteBuilder MapChaseList(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, WriteAsync).RequireAuthorization(Policies.ChaseReturns);
        return app;
    }

    private static async Task<IResult> WriteAsync(HttpRequest request, ChaseListQuery query, Geography geography, ICallerContext callers, CancellationToken cancellationToken)
    {
        var code = request.Query["area"].FirstOrDefault() ?? "";
        if (!geography.TryGet(code, out var force) || force.Type != AreaType.Force)
        {
            return Results.BadRequest($"area: '{code}' is not a force area.");
        }

        if (!Period.TryParse(request.Query["period"].FirstOrDefault(), out var period, out var error))
        {
            return Results.BadRequest($"period: {error}");
        }

        var caller = callers.Current;
        if (!caller.HoldsArea(force.Code) && !caller.IsInRole(Roles.NationalReader))
        {
            return Results.Text($"This token does not hold {force.Name} ({force.Code}), so it may not read that force's chase list.", statusCode: StatusCodes.Status403Forbidden);
        }

        var items = await query.ForAsync(force, period, cancellationToken);
        using var csv = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ChaseList.WriteCsv(csv, items);
        return Results.Text(csv.ToString(), "text/csv; charset=utf-8");
    }
}
