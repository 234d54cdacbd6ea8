using System.Diagnostics;
using System.Threading.Channels;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing;
using Partnership.Reporting.ReadModel;
using Partnership.ServiceDefaults;
using Report = Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Grpc;

/// <summary>A thin adapter from the delivery report contract to <see cref="Report.DeliveryReportQuery"/>.</summary>
public sealed class DeliveryReportsService(IServiceScopeFactory scopes, DeliveryPlans plans, Geography geography, ReportChangeNotifier notifier)
    : DeliveryReports.DeliveryReportsBase
{
    public override async Task<DeliveryReport> GetDeliveryReport(GetDeliveryReportRequest request, ServerCallContext context) =>
        DeliveryReportMapper.ToContract(await BuildAsync(Validate(request), context.CancellationToken));

    public override async Task<RenderedReport> RenderDeliveryReport(RenderDeliveryReportRequest request, ServerCallContext context)
    {
        var asked = Validate(request.Report ?? throw RpcErrors.InvalidArgument("report", "the report request is missing"));
        var format = request.Format switch
        {
            ReportFormat.Csv => PublishedFormat.Csv,
            ReportFormat.Markdown => PublishedFormat.Markdown,
            ReportFormat.Html => PublishedFormat.Html,
            ReportFormat.Xlsx => PublishedFormat.Xlsx,
            _ => throw RpcErrors.InvalidArgument("format", "give a format: CSV, MARKDOWN, HTML or XLSX"),
        };
        var layout = request.Layout switch
        {
            Contracts.Reporting.V1.ReportLayout.Summary => Publishing.ReportLayout.Summary,
            Contracts.Reporting.V1.ReportLayout.Monitoring => Publishing.ReportLayout.Monitoring,
            _ => Publishing.ReportLayout.Full,
        };
        // The monitoring appendix reads the year to date, whichever comparison the summary uses.
        var comparisons = ReportRenderer.NeedsYearToDate(format, layout) && asked.Comparisons.Count > 0 && !asked.Comparisons.Contains(Report.ComparisonKind.YearToDate)
            ? [.. asked.Comparisons, Report.ComparisonKind.YearToDate]
            : asked.Comparisons;
        var report = await BuildAsync(asked with { Comparisons = comparisons, IncludeSeries = format == PublishedFormat.Html }, context.CancellationToken);
        var document = ReportRenderer.Render(report, format, new DashboardFilters(report.Comparisons[0], null, [], Interactive: false) { Layout = layout });
        return new RenderedReport
        {
            ContentType = document.ContentType,
            FileName = document.FileName,
            Content = document.Content,
            Data = document.Bytes is { } bytes ? Google.Protobuf.ByteString.CopyFrom(bytes) : Google.Protobuf.ByteString.Empty,
        };
    }

    public override async Task WatchDeliveryReport(GetDeliveryReportRequest request, IServerStreamWriter<DeliveryReport> responseStream, ServerCallContext context)
    {
        var asked = Validate(request);
        var areas = geography.DistrictsEverOf(asked.Force).Select(a => a.Code).Append(asked.Force).ToHashSet(StringComparer.Ordinal);
        // One pending signal is enough: a rebuild reads everything that changed before it started.
        // The signal carries the trace of the update that changed the figures (the notifier is called
        // inside its span), so the recomputation it causes belongs to that submission's trace.
        var changed = Channel.CreateBounded<ActivityContext>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void OnChanged(string area)
        {
            if (areas.Contains(area))
            {
                changed.Writer.TryWrite(Activity.Current?.Context ?? default);
            }
        }

        notifier.AreaChanged += OnChanged;
        try
        {
            DeliveryReport? sent = null;
            ActivityContext cause = default;
            while (!context.CancellationToken.IsCancellationRequested)
            {
                DeliveryReport report;
                using (var recompute = cause == default ? null : ServiceDefaults.Telemetry.Source.StartActivity("recompute delivery report", ActivityKind.Internal, cause))
                {
                    recompute?.SetTag("partnership.area", asked.Force);
                    recompute?.SetTag("partnership.period", asked.Period.Label);
                    report = DeliveryReportMapper.ToContract(await BuildAsync(asked, context.CancellationToken));
                }

                if (!report.Equals(sent))
                {
                    await responseStream.WriteAsync(report, context.CancellationToken);
                    sent = report;
                }

                cause = await changed.Reader.ReadAsync(context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client stopped watching.
        }
        finally
        {
            notifier.AreaChanged -= OnChanged;
        }
    }

    private sealed record Asked(string Force, Period Period, IReadOnlyList<Report.ComparisonKind> Comparisons, Report.ReportAudience Audience, bool IncludeSeries);

    private Asked Validate(GetDeliveryReportRequest request)
    {
        if (!plans.TryGet(request.ForceAreaCode, out _))
        {
            throw RpcErrors.InvalidArgument("force_area_code", $"'{request.ForceAreaCode}' is not a force area");
        }

        if (!request.Period.TryToDomain(out var period, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var comparisons = request.Comparisons.Where(c => c != Comparison.Unspecified).Select(DeliveryReportMapper.ToDomain).Distinct().ToList();
        return new Asked(request.ForceAreaCode, period, comparisons, DeliveryReportMapper.ToDomain(request.Audience), request.IncludeSeries);
    }

    // A scope per build: a watch lives for hours, and a DbContext should not.
    private async Task<Report.DeliveryReport> BuildAsync(Asked asked, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<Report.DeliveryReportQuery>();
        return await query.GetAsync(asked.Force, asked.Period, asked.Comparisons, asked.Audience, asked.IncludeSeries, cancellationToken);
    }
}
