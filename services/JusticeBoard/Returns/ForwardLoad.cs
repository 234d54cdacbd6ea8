using System.Globalization;
using Partnership.Domain;

namespace Partnership.JusticeBoard.Returns;

/// <summary>
/// How many weeks a court's outstanding caseload would take to clear at its recent disposal rate.
/// It travels as outstanding cases over disposals per week, so a county figure is the county's
/// caseload over the county's rate, not the mean of the courts' weeks.
/// </summary>
public sealed record ForwardLoad(long Outstanding, decimal DisposalsPerWeek, decimal? Weeks, string Explanation)
{
    public static ForwardLoad Calculate(long outstanding, long disposals, Period window)
    {
        var days = window.End.DayNumber - window.Start.DayNumber + 1;
        // Nine decimal places is the wire's precision: the rate stored, published and read back agree.
        var perWeek = Math.Round(disposals * 7m / days, 9, MidpointRounding.AwayFromZero);
        if (perWeek == 0)
        {
            var explanation = outstanding == 0
                ? $"Nothing is outstanding and nothing was disposed of in {window.Label}."
                : $"No cases were disposed of in {window.Label}: at that rate the {outstanding} outstanding cases would never clear, so there is no forward load.";
            return new ForwardLoad(outstanding, 0, null, explanation);
        }

        var weeks = outstanding / perWeek;
        return new ForwardLoad(outstanding, perWeek, weeks, string.Create(
            CultureInfo.InvariantCulture,
            $"{outstanding} outstanding cases at {perWeek:0.0} disposals a week ({disposals} in {window.Label}) would take {weeks:0.0} weeks to clear."));
    }

    public Figure ToFigure() => Figure.OfFraction(Outstanding, DisposalsPerWeek);
}
