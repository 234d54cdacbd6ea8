namespace Partnership.VictimServices.Returns;

/// <summary>The measure ids the service's rules refer to (the catalogue in Domain/Data holds their definitions).</summary>
public static class VictimMeasures
{
    public const string Referrals = "victims.referrals";
    public const string ReferralsPolice = "victims.referrals_police";
    public const string SelfReferrals = "victims.self_referrals";
    public const string ReferralsOtherAgencies = "victims.referrals_other_agencies";
    public const string ReferralsNationalFraud = "victims.referrals_national_fraud";
    public const string NeedsAssessmentsCompleted = "victims.needs_assessments_completed";
    public const string CasesOpened = "victims.cases_opened";
    public const string CasesClosed = "victims.cases_closed";
    public const string WellbeingImproved = "victims.wellbeing_improved";
    public const string ServiceSatisfaction = "victims.service_satisfaction";
    public const string IsvaCaseload = "victims.isva_caseload";
    public const string IdvaCaseload = "victims.idva_caseload";
    public const string Satisfaction = "victims.satisfaction";
    public const string NeedsAssessed = "victims.needs_assessed";
    public const string UpdatedWithin28Days = "victims.updated_within_28d";

    /// <summary>Every referral comes from exactly one of these, so together they make the total.</summary>
    public static IReadOnlyList<string> ReferralSources { get; } = [ReferralsPolice, SelfReferrals, ReferralsOtherAgencies, ReferralsNationalFraud];

    public static IReadOnlyList<string> Caseloads { get; } = [IsvaCaseload, IdvaCaseload];
}
