using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.Submissions;

namespace Partnership.LocalHost;

/// <summary>
/// Deterministic LCJB figures for West Yorkshire's courts over the demo's years: backlog snapshots at
/// each half-year end with six-monthly receipts and disposals (a Crown backlog that grows, so the
/// forward load is worth reading), quarterly trial and case progression figures, yearly reoffending
/// and first-time entrants, and quarterly Victims' Code compliance from each data source.
/// </summary>
public static class JusticeDemoData
{
    private const string Board = "West Yorkshire LCJB";

    // Outstanding cases at the first snapshot, and the growth per half year.
    private static readonly Dictionary<string, (long Outstanding, double Growth)> Caseloads = new(StringComparer.Ordinal)
    {
        ["WY-CC-LEEDS"] = (2400, 0.06),
        ["WY-CC-BRADFORD"] = (1500, 0.05),
        ["WY-MC-LEEDS"] = (4000, -0.02),
        ["WY-MC-BRADFORD-KEIGHLEY"] = (3000, -0.01),
        ["WY-MC-KIRKLEES"] = (1800, -0.02),
        ["WY-MC-CALDERDALE"] = (900, 0.0),
        ["WY-MC-WAKEFIELD"] = (1500, -0.03),
    };

    public static IEnumerable<ReturnSubmission> Returns(Courts courts, VictimsCodeFramework framework)
    {
        var random = new Random(4);
        for (var year = DemoData.FirstFinancialYear; year < DemoData.FirstFinancialYear + DemoData.Years; year++)
        {
            for (var half = 0; half < 2; half++)
            {
                var start = new DateOnly(year, 4, 1).AddMonths(half * 6);
                var window = Period.Months(start, start.AddMonths(5));
                var step = ((year - DemoData.FirstFinancialYear) * 2) + half;
                var backlog = new CourtBacklogReturn(window.End, [.. courts.OfForce(DemoData.WestYorkshire).Select(c => Backlog(c, window, step, random))]);
                foreach (var court in backlog.ToReturns(Board))
                {
                    yield return court.Submission;
                }
            }

            for (var quarter = 1; quarter <= 4; quarter++)
            {
                var period = Period.FinancialQuarter(year, quarter);
                yield return new TrialEffectivenessReturn(DemoData.WestYorkshire, period, [Trials(CourtType.Crown, 420, random), Trials(CourtType.Magistrates, 2600, random)]).ToReturn(Board).Submission;
                yield return new CaseProgressionReturn(DemoData.WestYorkshire, period,
                [
                    new CaseProgressionFigures(CourtType.Crown, 1300, Scale(1300, 0.38, random), 1100, Scale(1100, 410, random)),
                    new CaseProgressionFigures(CourtType.Magistrates, 9800, Scale(9800, 0.62, random), 9200, Scale(9200, 150, random)),
                ]).ToReturn(Board).Submission;
                foreach (var source in framework.Sources)
                {
                    var figures = framework.Measures.Where(m => m.Source == source.Code)
                        .Select(m => new ComplianceFigure(m.Code, Scale(400, 0.78 + (random.NextDouble() * 0.17), random), 400)).ToList();
                    yield return new VictimsCodeReturn(DemoData.WestYorkshire, period, source.Code, figures).ToReturn(Board).Submission;
                }
            }

            var financialYear = Period.FinancialYear(year);
            foreach (var offenders in new ReoffendingReturn(DemoData.WestYorkshire, financialYear,
                [new ReoffendingCohort(AgeGroup.Adult, 9000, Scale(9000, 0.25, random)), new ReoffendingCohort(AgeGroup.Youth, 900, Scale(900, 0.32, random))],
                financialYear, [new FirstTimeEntrants(AgeGroup.Adult, Scale(1400, 1, random)), new FirstTimeEntrants(AgeGroup.Youth, Scale(350, 1, random))]).ToReturns(Board))
            {
                yield return offenders.Submission;
            }
        }
    }

    private static CourtBacklogEntry Backlog(CourtDefinition court, Period window, int step, Random random)
    {
        var (first, growth) = Caseloads.GetValueOrDefault(court.Code, (1000, 0.0));
        var total = (long)Math.Round(first * Math.Pow(1 + growth, step) * (0.97 + (random.NextDouble() * 0.06)));
        // Crown cases wait far longer than magistrates' cases.
        var shares = court.Type == CourtType.Crown ? new[] { 0.40, 0.25, 0.20 } : [0.70, 0.18, 0.09];
        var under13 = (long)(total * shares[0]);
        var to26 = (long)(total * shares[1]);
        var to52 = (long)(total * shares[2]);
        var disposals = Scale(total, court.Type == CourtType.Crown ? 0.45 : 1.6, random);
        return new CourtBacklogEntry(court, new AgeBands(under13, to26, to52, total - under13 - to26 - to52), total, window, Scale(disposals, 1.04, random), disposals);
    }

    private static TrialOutcomes Trials(CourtType type, long listed, Random random)
    {
        var effective = Scale(listed, 0.42, random);
        var cracked = Scale(listed, 0.33, random);
        var ineffective = Scale(listed, 0.18, random);
        return new TrialOutcomes(type, listed, effective, cracked, ineffective, listed - effective - cracked - ineffective);
    }

    private static long Scale(long value, double factor, Random random) => (long)Math.Round(value * factor * (0.96 + (random.NextDouble() * 0.08)));
}
