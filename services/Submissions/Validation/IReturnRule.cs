namespace Partnership.Submissions.Validation;

/// <summary>
/// A rule of one domain (parts never exceed their whole, bands add to a total...) that runs after the
/// catalogue checks every service shares.
/// </summary>
public interface IReturnRule
{
    void Check(ReturnSubmission submission, ViolationCollector violations);
}
