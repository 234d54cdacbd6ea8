using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Partnership.Contracts.Reporting.V1;
using Partnership.Reporting.ReadModel;
using Partnership.Security;

namespace Partnership.Reporting.Grpc;

/// <summary>A thin adapter from the operations contract to the dead-letter log, for holders of the operations role.</summary>
public sealed class ReportingOperationsService(DeadLetterLog deadLetters, DeadLetterView view, ICallerContext callers) : ReportingOperations.ReportingOperationsBase
{
    [Authorize(Policies.Operations)]
    public override async Task<ListDeadLettersResponse> ListDeadLetters(ListDeadLettersRequest request, ServerCallContext context)
    {
        var caller = callers.Current;
        var max = request.MaxResults <= 0 ? 100 : Math.Min(request.MaxResults, 1000);
        var rows = await deadLetters.ListAsync(max, context.CancellationToken);
        var response = new ListDeadLettersResponse();
        response.DeadLetters.AddRange(rows.Select(row => ToContract(row, view.For(caller, row))));
        return response;
    }

    private static Contracts.Reporting.V1.DeadLetter ToContract(ReadModel.DeadLetter row, DeadLetterPayload payload) => new()
    {
        MessageId = row.MessageId,
        Topic = row.Topic,
        DeadLetterTopic = row.DeadLetterTopic,
        Reason = row.Reason,
        EventId = row.EventId ?? "",
        SourceService = row.SourceService ?? "",
        ReturnKey = row.ReturnKey ?? "",
        Revision = row.Revision ?? 0,
        ReceivedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(row.ReceivedAtMs)),
        ContentType = row.ContentType,
        Payload = payload.Payload,
        PayloadWithheld = payload.Withheld,
    };
}
