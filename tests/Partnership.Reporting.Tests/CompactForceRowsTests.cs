using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Rollups;
using static Partnership.Reporting.Tests.ReportData;

namespace Partnership.Reporting.Tests;

/// <summary>
/// A force's figures made from its compact rows combine a window only when it is first asked for, and
/// are the figures read whole: the same areas, windows, combined figures, sources and rows, in the same
/// order, whatever order the rows came in.
/// </summary>
public class CompactForceRowsTests
{
    private const string Crime = "crime.total_recorded";
    private const string Backlog = "cjs.crown_outstanding";

    [Fact]
    public void ToFigures_RowsInAnyOrder_AreTheFiguresReadWhole()
    {
        var rows = Rows(new Random(7));
        var shuffled = rows.OrderBy(_ => Random.Shared.Next()).ToList();

        var whole = ForceFigures.From(Catalogue, shuffled);
        var compact = CompactForceRows.Of(shuffled).ToFigures(Catalogue);

        Assert.Equal(rows.Count, compact.Rows().Count());
        // Several returns behind one window, so the combining (and its order) is exercised.
        Assert.Contains(whole.For(Crime).Values.SelectMany(a => a.All), f => f.Rows.Count > 1);
        Assert.Contains(whole.For(Crime).Values.SelectMany(a => a.All), f => f.Sources.Any(s => !s.Used));
        AssertSame(whole, compact);
    }

    [Fact]
    public void ToFigures_CompactedAgain_AreTheSameRowsNotCompactedAnew()
    {
        var compact = CompactForceRows.Of(Rows(new Random(3)));
        var figures = compact.ToFigures(Catalogue);

        Assert.Same(compact, CompactForceRows.Of(figures));
        // Once patched, the figures are no longer those rows, and are compacted from what they hold.
        var patched = figures.With(new HashSet<string>(), [], [Value(Crime, Districts[0], Q(2019, 1), 5) with { Order = 10_000 }]);
        var again = CompactForceRows.Of(patched);
        Assert.NotSame(compact, again);
        // Compacting takes the rows of windows never combined as they are: only the patched area's windows were combined.
        Assert.Equal(patched.For(Crime)[Districts[0]].Count, CountCombined(patched));
        AssertSame(patched, again.ToFigures(Catalogue));
    }

    [Fact]
    public void CellsHolding_FindsTheReturnsCellsWithoutCombiningThem()
    {
        var rows = Rows(new Random(5));
        var figures = CompactForceRows.Of(rows).ToFigures(Catalogue);
        var keys = new HashSet<string>(rows.Select(r => r.Figure.ReturnKey).Distinct().Take(3), StringComparer.Ordinal);

        var cells = figures.CellsHolding(keys);

        Assert.Equal(
            rows.Where(r => keys.Contains(r.Figure.ReturnKey)).Select(r => $"{r.MeasureId} {r.Figure.AreaCode} {r.Period.Key}").Distinct().Order(),
            cells.Select(c => $"{c.MeasureId} {c.AreaCode} {c.Period.Key}").Order());
        Assert.Equal(0, CountCombined(figures));
    }

    [Fact]
    public void AreaFigures_Lazy_CombinesOnlyTheWindowsAskedFor_EachOnce()
    {
        Period[] periods = [Q(2020, 1), Period.Parse("2020-04..2021-03"), Q(2020, 2), Q(2020, 3), Period.Snapshot(new DateOnly(2020, 9, 30))];
        Array.Sort(periods, ForceFigures.ByWindow);
        var cells = new CountingCells(periods);
        var area = new AreaFigures(periods, cells, 0);

        Assert.Equal(5, area.Count);
        Assert.Equal(new DateOnly(2020, 4, 1), area.EarliestStart);
        Assert.Equal(0, cells.Combined);

        var quarter = area.For(Q(2020, 2));
        Assert.Equal(Q(2020, 2), quarter!.Period);
        Assert.Equal(1, cells.Combined);
        Assert.Same(quarter, area.For(Q(2020, 2)));
        Assert.Null(area.For(Q(2020, 4)));
        Assert.Equal(1, cells.Combined);

        // The year is tiled from its quarters: the year itself and the snapshot are not combined.
        Assert.Equal([Q(2020, 1), Q(2020, 2), Q(2020, 3)], area.Within(Period.Parse("2020-04..2021-03")).Select(f => f.Period));
        Assert.Equal(3, cells.Combined);

        Assert.Equal(periods, area.All.Select(f => f.Period));
        Assert.Equal(5, cells.Combined);
        Assert.Same(quarter, area.All.Single(f => f.Period == Q(2020, 2)));
    }

    [Fact]
    public async Task AreaFigures_Lazy_ReportsAtOnce_ShareOneFigurePerWindow()
    {
        Period[] periods = [Q(2020, 1)];
        var area = new AreaFigures(periods, new CountingCells(periods), 0);

        var figures = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => area.For(Q(2020, 1)))));

        Assert.All(figures, f => Assert.Same(figures[0], f));
    }

    // How many windows hold a combined figure, read without combining any.
    private static int CountCombined(ForceFigures figures) =>
        new[] { Crime, Backlog }.SelectMany(m => figures.For(m).Values).Sum(a => Enumerable.Range(0, a.Count).Count(a.IsCombined));

    /// <summary>
    /// Rows of two measures over five areas and twelve windows (quarters, a year and snapshots): most
    /// windows from one return, some claimed by two returns with different figures (a conflict), each
    /// row with its own order, notes, statuses and values written with different scales.
    /// </summary>
    private static List<ObservedRow> Rows(Random random)
    {
        var rows = new List<ObservedRow>();
        var order = 0L;
        Period[] windows = [.. Enumerable.Range(0, 8).Select(q => Q(2019 + (q / 4), (q % 4) + 1)), Period.FinancialYear(2019)];
        foreach (var area in Districts.Append(Partnership.Testing.Areas.WestYorkshire))
        {
            foreach (var window in windows)
            {
                var returns = random.Next(4) == 0 ? 2 : 1;
                for (var r = 0; r < returns; r++)
                {
                    var value = random.Next(1_000) + (random.Next(2) == 0 ? 0.0m : 0.00m);
                    rows.Add(new ObservedRow(Crime, window,
                        new SourcedFigure(area, Figure.OfValue(value), random.Next(3) == 0 ? ObservationStatus.Provisional : ObservationStatus.Final, Confidentiality.Free,
                            random.Next(1, 4), $"{area}-{window.Key}-{r}", Trend.None, random.Next(5) == 0 ? "a note" : "", $"crime|{area}|{window.Key}|{r}", 1_700_000_000_000 + random.Next(1_000_000)),
                        order += random.Next(1, 3)));
                }
            }

            foreach (var month in Enumerable.Range(0, 3))
            {
                var date = new DateOnly(2019, 6 + (3 * month), 1).AddMonths(1).AddDays(-1);
                rows.Add(new ObservedRow(Backlog, Period.Snapshot(date),
                    new SourcedFigure(area, Figure.OfValue(random.Next(500)), ObservationStatus.Final, Confidentiality.Free, 1, $"{area}-{date}", ReturnKey: $"cjs|{area}|{date}"),
                    order++));
            }
        }

        return rows;
    }

    private static void AssertSame(ForceFigures expected, ForceFigures actual)
    {
        foreach (var measure in new[] { Crime, Backlog })
        {
            Assert.Equal(expected.For(measure).Keys, actual.For(measure).Keys);
            foreach (var (area, figures) in expected.For(measure))
            {
                var made = actual.For(measure)[area];
                Assert.Equal(figures.Periods, made.Periods);
                Assert.Equal(figures.EarliestStart, made.EarliestStart);
                foreach (var (want, got) in figures.All.Zip(made.All))
                {
                    Assert.Equal(want.Figure, got.Figure);
                    // Equal decimals may be written differently (1.0, 1.00): the scale is kept too.
                    Assert.Equal(want.Figure.Figure.Value?.ToString(), got.Figure.Figure.Value?.ToString());
                    Assert.Equal(want.Sources, got.Sources);
                    Assert.Equal(want.Rows, got.Rows);
                }
            }
        }
    }

    /// <summary>Cells that count how many windows were combined.</summary>
    private sealed class CountingCells(Period[] periods) : IFigureCells
    {
        private int _combined;

        public int Combined => _combined;

        public ObservedFigure Combine(int cell)
        {
            Interlocked.Increment(ref _combined);
            var figure = new SourcedFigure(Districts[0], Figure.OfValue(cell), ObservationStatus.Final, Confidentiality.Free, 1, $"return-{cell}");
            return ForceFigures.Combine(null, periods[cell], [new ObservedRow(Crime, periods[cell], figure, cell)]);
        }

        public bool HoldsAny(int cell, IReadOnlySet<string> returnKeys) => false;

        public IReadOnlyList<ObservedRow> RowsOf(int cell) => Combine(cell).Rows;
    }
}
