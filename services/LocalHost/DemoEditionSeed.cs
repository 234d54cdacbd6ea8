using Microsoft.EntityFrameworkCore;
using Partnership.CrimeMeasures;
using Partnership.Domain;
using Partnership.JusticeBoard;
using Partnership.Reporting.Editions;
using Partnership.Safeguarding;
using Partnership.Security;
using Partnership.Submissions.Storage;
using Partnership.VictimServices;

namespace Partnership.LocalHost;

/// <summary>
/// Publishes West Yorkshire's edition of the last demo quarter, as its OPCC would, so the public
/// dashboard of the first run shows a report: the public view shows published editions only. It
/// waits until the aggregator has applied every demo return (the in-process bus applies an event
/// before the outbox marks it published), and leaves a force that has any edition alone.
/// </summary>
public sealed partial class DemoEditionSeed(
    CrimeMeasuresDbContext crime,
    JusticeBoardDbContext justice,
    VictimServicesDbContext victims,
    SafeguardingDbContext safeguarding,
    EditionBook editions,
    ILogger<DemoEditionSeed> logger) : IDemoSeed
{
    private const string Agency = "West Yorkshire OPCC (demo)";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static Period Quarter => Period.FinancialQuarter(DemoData.FirstFinancialYear + DemoData.Years - 1, 4);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        using (InProcessCaller.Use(Caller.InProcess(Agency, DemoData.WestYorkshire, Roles.OpccEditor)))
        {
            if ((await editions.ListAsync(DemoData.WestYorkshire, cancellationToken)).Count > 0)
            {
                return;
            }
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        while (await UnpublishedAsync(patience.Token) > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), patience.Token);
        }

        Edition draft;
        using (InProcessCaller.Use(Caller.InProcess(Agency, DemoData.WestYorkshire, Roles.OpccEditor)))
        {
            draft = await editions.CreateAsync(DemoData.WestYorkshire, Quarter, [], $"Delivery Quarterly Report {Quarter.Label} (demo edition)", "Published by the local run's demo data.", cancellationToken);
        }

        using (InProcessCaller.Use(Caller.InProcess(Agency, DemoData.WestYorkshire, Roles.OpccApprover)))
        {
            await editions.SignOffAsync(draft.Id, null, null, cancellationToken);
        }

        LogPublished(logger, Quarter.Label);
    }

    private async Task<int> UnpublishedAsync(CancellationToken cancellationToken)
    {
        var waiting = 0;
        foreach (var db in new SubmissionDbContext[] { crime, justice, victims, safeguarding })
        {
            waiting += await db.Outbox.AsNoTracking().CountAsync(m => m.PublishedAtMs == null, cancellationToken);
        }

        return waiting;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published West Yorkshire's demo edition of {Period}, so the public dashboard shows it")]
    private static partial void LogPublished(ILogger logger, string period);
}
