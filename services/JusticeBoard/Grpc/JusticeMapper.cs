using System.Globalization;
using Partnership.Contracts;
using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.Submissions;
using Proto = Partnership.Contracts.Justice.V1;

namespace Partnership.JusticeBoard.Grpc;

/// <summary>Small static mappers from the justice domain back to the contract.</summary>
public static class JusticeMapper
{
    public static Proto.SubmitJusticeReturnResponse ToResponse(IReadOnlyList<JusticeReturn> returns, IReadOnlyList<AcceptedReturn> accepted)
    {
        var response = new Proto.SubmitJusticeReturnResponse();
        response.Returns.AddRange(returns.Zip(accepted, (r, a) => new Proto.SubmittedReturn
        {
            ReturnId = a.ReturnId.ToString(),
            Revision = a.Revision,
            ObservationsAccepted = a.ObservationCount,
            Source = r.Submission.Source,
        }));
        return response;
    }

    public static Proto.Court ToContract(this CourtDefinition court) => new()
    {
        Code = court.Code,
        Name = court.Name,
        Type = court.Type == CourtType.Crown ? Proto.CourtType.Crown : Proto.CourtType.Magistrates,
        ForceAreaCode = court.Force,
        Town = court.Town,
    };

    public static Proto.CourtBacklog ToContract(this CourtBacklogEntry entry, DateOnly snapshotDate, StoredReturnView stored)
    {
        var load = entry.ForwardLoad;
        var forwardLoad = new Proto.ForwardLoad { DisposalsPerWeek = load.DisposalsPerWeek, Explanation = load.Explanation };
        if (load.Weeks is { } weeks)
        {
            forwardLoad.Weeks = weeks;
        }

        return new Proto.CourtBacklog
        {
            Court = entry.Court.ToContract(),
            SnapshotDate = snapshotDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Outstanding = new Proto.AgeBands
            {
                Under13Weeks = entry.Outstanding.Under13Weeks,
                Weeks13To26 = entry.Outstanding.Weeks13To26,
                Weeks26To52 = entry.Outstanding.Weeks26To52,
                Over52Weeks = entry.Outstanding.Over52Weeks,
            },
            OutstandingTotal = entry.OutstandingTotal,
            FlowPeriod = entry.FlowPeriod.ToContract(),
            Receipts = entry.Receipts,
            Disposals = entry.Disposals,
            ForwardLoad = forwardLoad,
            Revision = stored.Revision,
            LatestRevision = stored.LatestRevision,
            ReturnId = stored.ReturnId.ToString(),
            SubmittedBy = stored.SubmittedBy,
            SubmittedAt = stored.SubmittedAt.ToString("O", CultureInfo.InvariantCulture),
            Status = (Contracts.Common.V1.ObservationStatus)((int)entry.Status + 1),
            Note = entry.Note,
        };
    }

    public static Proto.VictimsCodeFramework ToContract(this VictimsCodeFramework framework)
    {
        var result = new Proto.VictimsCodeFramework { Version = framework.Version };
        result.Sources.AddRange(framework.Sources.Select(s => new Proto.VictimsCodeSource { Code = s.Code, Name = s.Name }));
        result.Rights.AddRange(framework.Rights.Select(r =>
        {
            var right = new Proto.VictimsCodeRight { Number = r.Number, Title = r.Title };
            right.Measures.AddRange(r.Measures.Select(m => new Proto.VictimsCodeMeasure
            {
                Code = m.Code,
                MeasureId = m.MeasureId,
                Name = m.Name,
                Numerator = m.Numerator,
                Denominator = m.Denominator,
                Source = m.Source,
            }));
            return right;
        }));
        return result;
    }
}
