using Google.Rpc;
using Partnership.Cli.Csv;
using Partnership.Cli.Services;
using Partnership.Testing;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Cli.Tests;

public class RejectionMapperTests
{
    private static readonly ReturnToSend Sent = new(
        Areas.Bradford,
        new Proto.Period { Label = "FY2020/21-Q3" },
        [
            new Proto.ObservationInput { MeasureId = "crime.total_recorded", SourceLine = 2 },
            new Proto.ObservationInput { MeasureId = "crime.homicide", SourceLine = 4 },
            new Proto.ObservationInput { MeasureId = "crime.x", SourceLine = 5 },
        ],
        "Bradford CSP");

    private static BadRequest.Types.FieldViolation Violation(string field, string description) => new() { Field = field, Description = description };

    [Fact]
    public void ToProblems_ObservationViolation_PointsAtSourceLineAndColumn()
    {
        var problems = RejectionMapper.ToProblems([Violation("observations[2].numerator", "line 5, crime.x: numerator 120 is greater than denominator 100")], Sent);

        var problem = Assert.Single(problems);
        Assert.Equal("bradford.csv:5: column 'numerator': crime.x: numerator 120 is greater than denominator 100", problem.Format("bradford.csv"));
    }

    [Fact]
    public void ToProblems_ContractFieldNames_MapToFileColumns()
    {
        var problems = RejectionMapper.ToProblems(
            [Violation("observations[1].measure_id", "unknown measure"), Violation("observations[0].period", "bad cadence")],
            Sent);

        Assert.Equal([(2, "period"), (4, "measure")], problems.Select(p => (p.Line, p.Column)));
    }

    [Fact]
    public void ToProblems_ReturnLevelViolations_UseFirstRowOrFile()
    {
        var problems = RejectionMapper.ToProblems(
            [Violation("area_code", "unknown area 'E08000099'"), Violation("observations", "the return has no observations")],
            Sent);

        Assert.Equal([(0, null, "observations: the return has no observations"), (2, "area", "unknown area 'E08000099'")], problems.Select(p => (p.Line, p.Column, p.Message)));
    }

    [Fact]
    public void ToProblems_IndexBeyondWhatWasSent_IsKeptAsFileLevelProblem()
    {
        var problem = Assert.Single(RejectionMapper.ToProblems([Violation("observations[9].value", "odd")], Sent));

        Assert.Equal((0, null, "observations[9].value: odd"), (problem.Line, problem.Column, problem.Message));
    }
}
