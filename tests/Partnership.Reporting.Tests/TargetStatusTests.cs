using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;

namespace Partnership.Reporting.Tests;

public class TargetStatusTests
{
    // Keep neighbourhood crime below the 46,162 baseline: 5% of the target is 2,308.1.
    private static readonly PlanTarget NeighbourhoodCrime = new(46_162m, WindowMonths: 12);

    [Theory]
    [InlineData("46162", Rag.Green)]      // exactly on target
    [InlineData("32143", Rag.Green)]      // better
    [InlineData("46162.1", Rag.Amber)]    // just worse
    [InlineData("48470", Rag.Amber)]      // just inside the threshold
    [InlineData("48470.1", Rag.Amber)]    // exactly on the threshold: worse by no more than 5%
    [InlineData("48470.2", Rag.Red)]      // just outside
    public void Evaluate_LowerIsBetter_FollowsTheThreshold(string value, Rag expected)
    {
        var status = TargetStatus.Evaluate(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), NeighbourhoodCrime, Polarity.LowerIsBetter)!;

        Assert.Equal(expected, status.Status);
    }

    [Theory]
    [InlineData("74.9", Rag.Green)]       // exactly on target
    [InlineData("75.2", Rag.Green)]
    [InlineData("71.155", Rag.Amber)]     // 74.9 - 5% of 74.9 = 71.155: on the threshold
    [InlineData("71.2", Rag.Amber)]       // just inside
    [InlineData("71.154", Rag.Red)]       // just outside
    public void Evaluate_HigherIsBetter_IsPolarityAware(string value, Rag expected)
    {
        var status = TargetStatus.Evaluate(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), new PlanTarget(74.9m), Polarity.HigherIsBetter)!;

        Assert.Equal(expected, status.Status);
    }

    [Fact]
    public void Evaluate_PlanThreshold_ReplacesTheDefault()
    {
        var target = new PlanTarget(100m, Threshold: 0.10m);

        Assert.Equal(Rag.Amber, TargetStatus.Evaluate(110m, target, Polarity.LowerIsBetter)!.Status);
        Assert.Equal(Rag.Red, TargetStatus.Evaluate(110.01m, target, Polarity.LowerIsBetter)!.Status);
    }

    [Fact]
    public void Evaluate_Monitor_HasNoStatus()
    {
        Assert.Null(TargetStatus.Evaluate(10m, new PlanTarget(5m), Polarity.Monitor));
    }
}
