using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Domain;
using Partnership.Returns;
using Partnership.Returns.Typed;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions.Status;
using Partnership.Submissions.Storage;
using Partnership.Submissions.Validation;

namespace Partnership.Submissions.Portal;

/// <summary>
/// The partner portal's pages for one domain service: its templates, and the upload of a return read
/// by the same readers as the CLI and submitted through the same pipeline as a gRPC call. The caller
/// is the browser session's, so the pipeline's checks (role, areas) and audit are the ones a token gets.
/// Pages need the browser sign-in (<see cref="BrowserSignIn"/>); a host without it has no portal.
/// </summary>
public static class ReturnPortal
{
    public const string Root = "/portal";

    public static string PathOf(ServiceIdentity service) => $"{Root}/{service.Name}";

    /// <summary>Maps <c>/portal/{service}/template.csv</c>, <c>template.xlsx</c>, <c>upload</c> and <c>returns</c>, and <c>/portal</c> once per host.</summary>
    public static IEndpointRouteBuilder MapReturnPortal<TContext>(this IEndpointRouteBuilder app, ServiceIdentity identity)
        where TContext : SubmissionDbContext
    {
        if (app.ServiceProvider.GetService<IAntiforgery>() is null)
        {
            return app;
        }

        var services = app.ServiceProvider.GetRequiredService<PortalServices>();
        if (services.All.Count == 0)
        {
            app.MapGet(Root, (HttpContext http, ICallerContext callers) => Page(http, callers, () =>
                PortalHtml.RenderAsync<PortalIndexPage>(new() { [nameof(PortalIndexPage.Caller)] = callers.Current, [nameof(PortalIndexPage.Services)] = services.All }))).AllowAnonymous();
        }

        services.All.Add(identity);
        // Anonymous at the door, as the dashboard's partner view is, so that a browser without a session
        // is sent to sign in rather than refused; a page answers only a signed-in caller, and an upload
        // goes through the pipeline's own role and area checks.
        var pages = app.MapGroup(PathOf(identity)).AllowAnonymous();
        pages.MapGet("/template.csv", (HttpContext http, ICallerContext callers, MeasureCatalogue catalogue, string? source, [FromQuery(Name = "return")] string? kind) => Page(http, callers, () =>
        {
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            if (Typed<TContext>(http) is { } typed)
            {
                if (typed.Returns.Get(kind) is not { } file)
                {
                    return Task.FromResult(Results.NotFound());
                }

                WriteTypedTemplate(text, file, TemplateArea(callers.Current));
            }
            else
            {
                Template<TContext>(http, catalogue, identity, source).WriteCsv(text);
            }

            // With a byte order mark, as the CLI writes it, so Excel on Windows reads accents.
            return Task.FromResult(Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", $"{identity.Name}-template.csv"));
        }));
        pages.MapGet("/template.xlsx", (HttpContext http, ICallerContext callers, MeasureCatalogue catalogue, string? source, [FromQuery(Name = "return")] string? kind) => Page(http, callers, () =>
        {
            using var workbook = new MemoryStream();
            if (Typed<TContext>(http) is { } typed)
            {
                if (typed.Returns.Get(kind) is not { } file)
                {
                    return Task.FromResult(Results.NotFound());
                }

                file.Workbook(TemplateArea(callers.Current), null).Write(workbook);
                return Task.FromResult(Workbook(workbook, $"{identity.Name}-{file.Name}-template.xlsx"));
            }

            Template<TContext>(http, catalogue, identity, source).WriteWorkbook(workbook);
            return Task.FromResult(Workbook(workbook, $"{identity.Name}-template.xlsx"));
        }));
        pages.MapGet("/upload", (HttpContext http, IAntiforgery antiforgery, ICallerContext callers) =>
            Page(http, callers, () => UploadAnswer(http, identity, Intake<TContext>(http), Typed<TContext>(http)?.Returns, callers.Current, antiforgery.GetAndStoreTokens(http), null)));
        pages.MapGet("/returns", (HttpContext http, ICallerContext callers, CancellationToken cancellationToken) => Page(http, callers, async () =>
        {
            var returns = await http.RequestServices.GetRequiredService<MyReturnsQuery<TContext>>().ForAsync(callers.Current, cancellationToken);
            return await PortalHtml.RenderAsync<MyReturnsPage>(new()
            {
                [nameof(MyReturnsPage.Service)] = identity,
                [nameof(MyReturnsPage.Caller)] = callers.Current,
                [nameof(MyReturnsPage.Returns)] = returns,
            });
        }));
        pages.MapPost("/upload", (HttpContext http, IAntiforgery antiforgery, ICallerContext callers, IFormFile? file, IFormCollection form, MeasureCatalogue catalogue, CancellationToken cancellationToken) =>
            UploadAsync(http, antiforgery, callers.Current, file, form, catalogue, http.RequestServices.GetRequiredService<SubmissionPipeline<TContext>>(), identity, cancellationToken));
        return app;
    }

    // A service whose returns have sources (providers' commissions) has two templates: a source's, and the area's own.
    private static ReturnTemplate Template<TContext>(HttpContext http, MeasureCatalogue catalogue, ServiceIdentity identity, string? source)
        where TContext : SubmissionDbContext =>
        new(ReturnTemplate.FromCatalogue(catalogue, identity.Name, Intake<TContext>(http) is not null, source?.Trim() ?? ""), "", null);

    private static IPortalIntake<TContext>? Intake<TContext>(HttpContext http)
        where TContext : SubmissionDbContext => http.RequestServices.GetService<IPortalIntake<TContext>>();

    private static IPortalTypedIntake<TContext>? Typed<TContext>(HttpContext http)
        where TContext : SubmissionDbContext => http.RequestServices.GetService<IPortalTypedIntake<TContext>>();

    private static IResult Workbook(MemoryStream workbook, string name) =>
        Results.File(workbook.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);

    // A force's template lists its courts; with several areas the partner fills them in.
    private static string TemplateArea(Caller caller) => caller.Areas.Count == 1 ? caller.Areas.First() : "";

    private static void WriteTypedTemplate(TextWriter text, TypedReturnFile file, string area)
    {
        CsvWriter.WriteRow(text, file.Columns.Template);
        foreach (var row in file.TemplateRows(area, null))
        {
            CsvWriter.WriteRow(text, row);
        }
    }

    private static async Task<IResult> UploadAsync<TContext>(
        HttpContext http, IAntiforgery antiforgery, Caller caller, IFormFile? file, IFormCollection form, MeasureCatalogue catalogue,
        SubmissionPipeline<TContext> pipeline, ServiceIdentity identity, CancellationToken cancellationToken)
        where TContext : SubmissionDbContext
    {
        if (!caller.IsAuthenticated)
        {
            return Results.Unauthorized();
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        var intake = Intake<TContext>(http);
        var typed = Typed<TContext>(http);
        Task<IResult> Answer(UploadOutcome outcome, int status = StatusCodes.Status200OK) => UploadAnswer(http, identity, intake, typed?.Returns, caller, tokens, outcome, status);

        var area = Geography.Canonical(form["area"].ToString().Trim());
        Period? period = null;
        if (form["period"].ToString().Trim() is { Length: > 0 } periodText)
        {
            if (!UkDates.TryParsePeriod(periodText, out var parsed, out var error))
            {
                return await Answer(UploadOutcome.Refused(file?.FileName, new CsvProblem(0, ReturnColumns.Period, error)), StatusCodes.Status400BadRequest);
            }

            period = parsed;
        }

        if (file is null || file.Length == 0)
        {
            return await Answer(UploadOutcome.Refused(null, new CsvProblem(0, null, "choose a CSV or XLSX file to upload")), StatusCodes.Status400BadRequest);
        }

        if (!XlsxTable.IsWorkbookName(file.FileName) && NotCsv(file) is { } workbook)
        {
            return await Answer(UploadOutcome.Refused(file.FileName, new CsvProblem(0, null, workbook)), StatusCodes.Status400BadRequest);
        }

        if (typed is not null)
        {
            var (outcome, status) = await UploadTypedAsync(typed, file, form["return"].ToString().Trim(), caller, cancellationToken);
            return await Answer(outcome, status);
        }

        CsvReadResult read;
        await using (var stream = file.OpenReadStream())
        {
            read = XlsxTable.IsWorkbookName(file.FileName)
                ? new XlsxReturnReader(catalogue).Read(stream, period)
                : new CsvReturnReader(catalogue).Read(new StreamReader(stream), period);
        }

        if (read.Return is not { } parsedReturn)
        {
            return await Answer(UploadOutcome.Refused(file.FileName, [.. read.Problems]), StatusCodes.Status400BadRequest);
        }

        if (area.Length > 0 && !string.Equals(parsedReturn.AreaCode, area, StringComparison.Ordinal))
        {
            return await Answer(UploadOutcome.Refused(file.FileName, read.Locate(new CsvProblem(parsedReturn.Observations[0].Line, ReturnColumns.Area, $"the file is for {parsedReturn.AreaCode}, but the return was chosen for {area}"))), StatusCodes.Status400BadRequest);
        }

        var submission = new ReturnSubmission(
            identity.Name,
            parsedReturn.AreaCode,
            parsedReturn.Period,
            caller.Agency,
            [.. parsedReturn.Observations.Select(o => new ObservationInput(o.MeasureId, o.Period == parsedReturn.Period ? null : o.Period, o.Figure, o.Status ?? ObservationStatus.Final, o.Note, o.Trend, o.Line))],
            intake is null ? "" : form["source"].ToString().Trim());
        try
        {
            var accepted = intake is null ? await pipeline.SubmitAsync(submission, cancellationToken) : await intake.SubmitAsync(submission, cancellationToken);
            return await Answer(UploadOutcome.Stored(file.FileName, parsedReturn, accepted));
        }
        catch (ReturnRejectedException rejected)
        {
            var problems = ReturnRejections.ToProblems(rejected.Violations.Select(v => (v.Field, v.Description)), [.. parsedReturn.Observations.Select(o => o.Line)]);
            return await Answer(UploadOutcome.Refused(file.FileName, [.. problems.Select(read.Locate)]), StatusCodes.Status400BadRequest);
        }
        catch (AccessDeniedException denied)
        {
            return await Answer(UploadOutcome.Refused(file.FileName, new CsvProblem(0, null, denied.Message)), StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>What a file given a CSV name is instead (an Excel workbook), as the CLI names it; null for anything else.</summary>
    private static string? NotCsv(IFormFile file)
    {
        using var stream = file.OpenReadStream();
        return WorkbookSignature.Describe(stream);
    }

    /// <summary>A typed return: its rows read by the file's own columns into the service's request, as the CLI reads them, and the request taken in by the service.</summary>
    private static async Task<(UploadOutcome Outcome, int Status)> UploadTypedAsync<TContext>(
        IPortalTypedIntake<TContext> typed, IFormFile file, string kindName, Caller caller, CancellationToken cancellationToken)
        where TContext : SubmissionDbContext
    {
        if (typed.Returns.Get(kindName) is not { } kind)
        {
            return (UploadOutcome.Refused(file.FileName, new CsvProblem(0, null, $"choose which return the file is: {string.Join(", ", typed.Returns.ReturnNames)}")), StatusCodes.Status400BadRequest);
        }

        var (problems, warnings) = (new List<CsvProblem>(), new List<CsvProblem>());
        var cells = SheetCells.None;
        IReadOnlyList<CsvRow>? rows;
        await using (var stream = file.OpenReadStream())
        {
            rows = XlsxTable.IsWorkbookName(file.FileName)
                ? XlsxTable.Read(stream, kind.Columns, problems, warnings, out cells)
                : CsvTable.Read(new StreamReader(stream), kind.Columns, problems, warnings);
        }

        // Reading the rows into the request records each row's problems with the table's.
        var request = problems.Count == 0 && rows is not null ? kind.Read(rows) : null;
        if (request is null)
        {
            return (UploadOutcome.Refused(file.FileName, [.. problems.OrderBy(p => p.Line).Select(cells.Locate)]), StatusCodes.Status400BadRequest);
        }

        try
        {
            var accepted = await typed.SubmitAsync(request.Request, caller.Agency, cancellationToken);
            return (UploadOutcome.StoredTyped(file.FileName, kind.Title, accepted), StatusCodes.Status200OK);
        }
        catch (ReturnRejectedException rejected)
        {
            var problemsFound = TypedRejections.ToProblems(rejected.Violations.Select(v => (v.Field, v.Description)), [.. rows!.Select(r => r.Line)], kind.Columns, typed.Returns.FieldColumns);
            return (UploadOutcome.Refused(file.FileName, [.. problemsFound.Select(cells.Locate)]), StatusCodes.Status400BadRequest);
        }
        catch (AccessDeniedException denied)
        {
            return (UploadOutcome.Refused(file.FileName, new CsvProblem(0, null, denied.Message)), StatusCodes.Status403Forbidden);
        }
    }

    // A browser with no session is sent to sign in and back; anything else unsigned is refused.
    private static async Task<IResult> Page(HttpContext http, ICallerContext callers, Func<Task<IResult>> page) =>
        BrowserSignIn.ShouldSignIn(http) ? BrowserSignIn.SignInFirst(http.Request)
        : callers.Current.IsAuthenticated ? await page()
        : Results.Unauthorized();

    private static async Task<IResult> UploadAnswer<TContext>(
        HttpContext http, ServiceIdentity identity, IPortalIntake<TContext>? intake, TypedReturnService? typed, Caller caller, AntiforgeryTokenSet tokens, UploadOutcome? outcome, int status = StatusCodes.Status200OK)
        where TContext : SubmissionDbContext =>
        await PortalHtml.RenderAsync<UploadPage>(new()
        {
            [nameof(UploadPage.Service)] = identity,
            [nameof(UploadPage.SourceLabel)] = intake?.SourceLabel,
            [nameof(UploadPage.Sources)] = intake is null ? [] : await intake.SourcesAsync(caller, http.RequestAborted),
            [nameof(UploadPage.Typed)] = typed,
            [nameof(UploadPage.Caller)] = caller,
            [nameof(UploadPage.Antiforgery)] = tokens,
            [nameof(UploadPage.Outcome)] = outcome,
        }, status);
}

/// <summary>The services whose portal pages this host maps, for the <c>/portal</c> index.</summary>
internal sealed class PortalServices
{
    public List<ServiceIdentity> All { get; } = [];
}

/// <summary>What became of an upload: stored as a revision, or refused with every problem found.</summary>
public sealed record UploadOutcome(string? FileName, IReadOnlyList<CsvProblem> Problems, CsvReturn? Return = null, AcceptedReturn? Accepted = null)
{
    /// <summary>A typed return's title (e.g. "court backlog return"), whose file may hold several returns, all in <see cref="AcceptedAll"/>.</summary>
    public string? TypedTitle { get; init; }

    public IReadOnlyList<AcceptedReturn> AcceptedAll { get; init; } = [];

    public static UploadOutcome Refused(string? fileName, params CsvProblem[] problems) => new(fileName, problems);

    public static UploadOutcome Stored(string fileName, CsvReturn stored, AcceptedReturn accepted) => new(fileName, [], stored, accepted) { AcceptedAll = [accepted] };

    public static UploadOutcome StoredTyped(string fileName, string title, IReadOnlyList<AcceptedReturn> accepted) => new(fileName, []) { TypedTitle = title, AcceptedAll = accepted };
}
