using Partnership.Contracts;
using Partnership.Domain;
using Partnership.Testing;
using Crime = Partnership.Contracts.Crime.V1;
using Justice = Partnership.Contracts.Justice.V1;
using Proto = Partnership.Contracts.Common.V1;
using SafeguardingV1 = Partnership.Contracts.Safeguarding.V1;

namespace Partnership.Security.Tests;

/// <summary>Valid returns to start from, and the agencies that send them.</summary>
internal static class Returns
{
    public const string Bradford = Areas.Bradford;
    public const string Leeds = Areas.Leeds;
    public const string WestYorkshire = Areas.WestYorkshire;

    public static readonly Period Quarter = Period.FinancialQuarter(2025, 1);

    public static string BradfordCsp() => TestTokensFor.Csp("Bradford CSP", Bradford);

    /// <summary>One Crown Court's backlog at a snapshot date, as the LCJB sends it.</summary>
    public static Justice.SubmitCourtBacklogRequest CourtBacklog()
    {
        var request = new Justice.SubmitCourtBacklogRequest { SnapshotDate = "2024-09-30" };
        request.Courts.Add(new Justice.CourtBacklogFigures
        {
            CourtCode = "WY-CC-LEEDS",
            Outstanding = new Justice.AgeBands { Under13Weeks = 1200, Weeks13To26 = 800, Weeks26To52 = 600, Over52Weeks = 400 },
            OutstandingTotal = 3000,
            FlowPeriod = Period.Parse("FY2024/25-H1").ToContract(),
            Receipts = 1880,
            Disposals = 1830,
        });
        return request;
    }

    public static SafeguardingV1.SubmitReturnRequest SafeguardingReturn(string area = Bradford)
    {
        var request = new SafeguardingV1.SubmitReturnRequest { AreaCode = area, Period = Quarter.ToContract() };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "safeguarding.marac_referrals", Value = 42m });
        return request;
    }

    public static Crime.SubmitReturnRequest CrimeReturn(string area = Bradford, decimal total = 4321m, string submittedBy = "")
    {
        var request = new Crime.SubmitReturnRequest { AreaCode = area, Period = Quarter.ToContract(), SubmittedBy = submittedBy };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.total_recorded", Value = total });
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.violence_with_injury", Value = 1210m });
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.violence_with_injury_solved", Fraction = new Proto.Fraction { Numerator = 130m, Denominator = 1210m } });
        return request;
    }
}

internal static class TestTokensFor
{
    public static string Csp(string agency, string area) => Testing.TestTokens.Csp(agency, area);

    public static string Role(string agency, string role, params string[] areas) => Testing.TestTokens.For(agency, areas, [role]);
}
