using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Proto = Partnership.Contracts.Common.V1;
using Report = Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Grpc;

/// <summary>Small static mappers between the delivery report contract and the domain report.</summary>
internal static class DeliveryReportMapper
{
    public static Report.ComparisonKind ToDomain(Comparison comparison) => comparison switch
    {
        Comparison.Rolling12Months => Report.ComparisonKind.Rolling12Months,
        Comparison.YearToDate => Report.ComparisonKind.YearToDate,
        _ => Report.ComparisonKind.PreviousYear,
    };

    public static Report.ReportAudience ToDomain(Contracts.Reporting.V1.ReportAudience audience) =>
        audience == Contracts.Reporting.V1.ReportAudience.Partner ? Report.ReportAudience.Partner : Report.ReportAudience.Public;

    public static DeliveryReport ToContract(Report.DeliveryReport report)
    {
        var result = new DeliveryReport
        {
            ForceArea = Area(report.Force, true),
            Period = report.Window.ToContract(),
            PlanTitle = report.PlanTitle,
            Audience = report.Audience == Report.ReportAudience.Partner ? Contracts.Reporting.V1.ReportAudience.Partner : Contracts.Reporting.V1.ReportAudience.Public,
        };
        if (report.Edition is { } edition)
        {
            result.Edition = new PublishedEdition
            {
                Id = edition.Id,
                Title = edition.Title,
                PublishedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(edition.PublishedAt),
                Version = edition.Version,
                Correction = edition.Correction,
            };
            if (edition.CorrectedAt is { } corrected)
            {
                result.Edition.CorrectedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(corrected);
            }

            result.Edition.Changes.AddRange(edition.Changes);
        }

        result.Comparisons.AddRange(report.Comparisons.Select(ToContract));
        result.Themes.AddRange(report.Themes.Select(t =>
        {
            var theme = new ReportTheme { Id = t.Id, Name = t.Name };
            theme.Objectives.AddRange(t.Objectives.Select(o =>
            {
                var objective = new ReportObjective { Id = o.Id, Name = o.Name };
                objective.Measures.AddRange(o.Measures.Select(ToContract));
                return objective;
            }));
            return theme;
        }));
        return result;
    }

    public static Comparison ToContract(Report.ComparisonKind kind) => kind switch
    {
        Report.ComparisonKind.Rolling12Months => Comparison.Rolling12Months,
        Report.ComparisonKind.YearToDate => Comparison.YearToDate,
        _ => Comparison.PreviousYear,
    };

    private static ReportMeasure ToContract(Report.MeasureReport m)
    {
        var result = new ReportMeasure
        {
            MeasureId = m.Id,
            Label = m.Plan.Label,
            Trend = new TrendIndicator { Arrow = (Proto.Trend)(int)m.Trend.Arrow, Suggested = m.Trend.Suggested, Basis = m.Trend.Basis },
            County = ToContract(m.County),
            Comment = m.Comment,
        };
        if (m.Measure is not null)
        {
            result.Measure = m.Measure.ToContract();
        }

        if (m.Target is { } target)
        {
            result.Target = ToContract(target, m.Polarity, m.TargetFigure);
        }

        if (m.Comparison is { } chosen)
        {
            result.PlanComparison = ToContract(chosen);
        }

        if (m.Status is { } headline)
        {
            result.Status = ToContract(headline);
        }

        if (m.Forces is { } forces)
        {
            result.Forces = ToContract(forces);
        }

        result.Districts.AddRange(m.Districts.Select(ToContract));
        result.Series.AddRange(m.Series.Select(line =>
        {
            var series = new SeriesLine { Area = Area(line.Area, line.IsCounty) };
            series.Points.AddRange(line.Points.Select(p =>
            {
                var point = new SeriesPoint { Window = p.Window.ToContract(), Provisional = p.Provisional, Withheld = p.Withheld };
                if (p.Value is { } value)
                {
                    point.Value = value;
                }

                return point;
            }));
            return series;
        }));
        return result;
    }

    private static AreaFigures ToContract(Report.AreaReport area)
    {
        var result = new AreaFigures { Area = Area(area.Area, area.IsCounty) };
        result.Comparisons.AddRange(area.Comparisons.Select(c =>
        {
            var figures = new ComparisonFigures
            {
                Comparison = ToContract(c.Kind),
                Current = ToContract(c.Current),
                Previous = ToContract(c.Previous),
                StatusExplanation = c.StatusExplanation,
            };
            if (c.Change is { } change)
            {
                figures.Change = new FigureChange { Explanation = change.Explanation };
                if (change.Absolute is { } absolute)
                {
                    figures.Change.Absolute = absolute;
                }

                if (change.Percent is { } percent)
                {
                    figures.Change.Percent = percent;
                }

                if (change.PercentagePoints is { } points)
                {
                    figures.Change.PercentagePoints = points;
                }
            }

            if (c.Status is { } status)
            {
                figures.Status = ToContract(status);
            }

            return figures;
        }));
        return result;
    }

    /// <param name="figure">The target figure a reader sees (a reduction's baseline less its reduction), so readers of value alone keep working.</param>
    private static PlanTarget ToContract(Plans.PlanTarget target, Domain.Polarity polarity, decimal? figure)
    {
        var result = new PlanTarget
        {
            Value = Value(figure),
            Polarity = (Proto.Polarity)((int)polarity + 1),
            Threshold = target.EffectiveThreshold,
            WindowMonths = target.EffectiveWindowMonths ?? 0,
            Basis = target.Basis,
            Kind = (TargetKind)((int)target.Kind + 1),
            AmberPoints = Value(target.AmberPoints),
            ReductionPercent = Value(target.ReductionPercent),
            BaselineYear = target.BaselineYear ?? "",
            BaselineValue = Value(target.BaselineValue),
            Milestone = target.Milestone is { } state ? (MilestoneState)((int)state + 1) : MilestoneState.Unspecified,
            Due = target.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            StatedRag = target.Status is { } rag ? (Rag)((int)rag + 1) : Rag.Unspecified,
            Reason = target.Reason,
        };
        result.Phasing.AddRange((target.Phasing ?? []).Select(p => (Proto.DecimalValue)p));
        return result;
    }

    private static Contracts.Reporting.V1.TargetStatus ToContract(Report.TargetStatus status)
    {
        var result = new Contracts.Reporting.V1.TargetStatus
        {
            Rag = (Rag)((int)status.Status + 1),
            Kind = (TargetKind)((int)status.Kind + 1),
            HasFigure = status.HasFigure,
            AmberPoints = Value(status.AmberPoints),
            AnnualTarget = Value(status.AnnualTarget),
            YearToDateTarget = Value(status.YearToDateTarget),
            Baseline = Value(status.Baseline),
            BaselineStated = status.BaselineStated,
            Judged = status.Judged?.ToContract(),
            Stale = status.Stale,
            Footnote = status.Footnote,
            Reason = status.Reason,
        };
        if (status.HasFigure)
        {
            result.Value = status.Value;
            result.Target = status.Target;
            result.Threshold = status.Threshold;
        }

        return result;
    }

    private static ReportCell ToContract(Report.ReportCell cell)
    {
        var result = new ReportCell
        {
            Window = cell.Window.ToContract(),
            Method = (FigureMethod)((int)cell.Method + 1),
            AsOf = cell.AsOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Provisional = cell.Provisional,
            Withheld = cell.Withheld,
            Explanation = cell.Explanation,
        };
        if (cell.Value is { } value)
        {
            result.Value = value;
        }

        if (cell.Numerator is { } numerator && cell.Denominator is { } denominator)
        {
            result.Fraction = new Proto.Fraction { Numerator = numerator, Denominator = denominator };
        }

        if (cell.DistrictSum is { } sum)
        {
            result.DistrictSum = sum;
        }

        if (cell.SubmittedCountyValue is { } submitted)
        {
            result.SubmittedCountyValue = submitted;
        }

        if (cell.Population is { } population)
        {
            result.Population = new PopulationEstimate { AreaCode = population.AreaCode, Year = population.Year, Population = population.Population, Vintage = population.Vintage };
        }

        result.DistrictsIncluded.AddRange(cell.Included);
        result.DistrictsMissing.AddRange(cell.Missing);
        result.Sources.AddRange(cell.Sources.Select(s => new FigureProvenance
        {
            AreaCode = s.AreaCode,
            Period = s.Period.ToContract(),
            ReturnId = s.ReturnId,
            Revision = s.Revision,
            Status = (Proto.ObservationStatus)((int)s.Status + 1),
            ReturnKey = s.ReturnKey,
            NotUsed = !s.Used,
        }));
        return result;
    }

    private static Proto.Area Area(Domain.AreaDefinition area, bool force) => new()
    {
        Code = area.Code,
        Name = area.Name,
        Type = force ? Proto.AreaType.Force : Proto.AreaType.District,
    };

    private static ForceComparison ToContract(Comparisons.ForceComparison c)
    {
        var result = new ForceComparison
        {
            MeasureId = c.MeasureId,
            Window = c.Window.ToContract(),
            Publication = c.Publication,
            PublishedOn = c.PublishedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Force = ToContract(c.Force),
            EnglandAndWales = Value(c.EnglandAndWales),
            HasGroup = c.HasGroup,
            GroupVerified = c.GroupVerified,
            GroupAverage = Value(c.GroupAverage),
            GroupAverageOf = c.GroupAverageOf,
            GroupRank = ToContract(c.GroupRank),
            NationalRank = ToContract(c.NationalRank),
            ForcesInAll = c.ForcesInAll,
        };
        result.Peers.AddRange(c.Peers.Select(ToContract));
        return result;
    }

    private static ForceRate ToContract(Comparisons.ForceRate rate) => new() { AreaCode = rate.Code, Name = rate.Name, Value = Value(rate.Value) };

    private static Proto.DecimalValue? Value(decimal? value) => value is { } v ? v : null;

    private static ForceRank? ToContract(Comparisons.ForceRank? rank) => rank is null ? null : new()
    {
        Position = rank.Position,
        Tied = rank.Tied,
        OutOf = rank.Of,
        FromHighest = rank.Direction == Comparisons.RankDirection.Highest,
        Text = rank.Text,
    };
}
