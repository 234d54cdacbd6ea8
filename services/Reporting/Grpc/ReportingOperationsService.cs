using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Partnership.Contracts.Reporting.V1;
using Partnership.Reporting.ReadModel;

namespace Partnership.Reporting.Grpc;

/// <summary>A thin adapter from the operations contract to the dead-letter log.</summary>
public sealed class ReportingOperationsService(DeadLetterLog deadLetters) : ReportingOperations.ReportingOperationsBase
{
    public override async Task<ListDeadLettersResponse> ListDeadLetters(ListDeadLettersRequest request, ServerCallContext context)
    {
        var max = request.MaxResults <= 0 ? 100 : Math.Min(request.MaxResults, 1000);
        var rows = await deadLetters.ListAsync(max, context.CancellationToken);
        var response = new ListDeadLettersResponse();
        response.DeadLetters.AddRange(rows.Select(ToContract));
        return response;
    }

    private static Contracts.Reporting.V1.DeadLetter ToContract(ReadModel.DeadLetter row) => new()
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
        Payload = row.Payload,
    };
}
