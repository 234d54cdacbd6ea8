using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Partnership.Contracts;
using Partnership.Contracts.Audit.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.ReadModel;
using Partnership.Security;
using Partnership.ServiceDefaults;

namespace Partnership.Reporting.Grpc;

/// <summary>
/// A thin adapter from the operations contract to the dead-letter log and the national figures
/// importer, for holders of the operations role, and to the read audit, for holders of the
/// audit-reader role.
/// </summary>
public sealed class ReportingOperationsService(
    DeadLetterLog deadLetters, DeadLetterView view, ReadAuditLog reads, ICallerContext callers,
    NationalFigureStore national, MeasureCatalogue catalogue, PoliceForces forces) : ReportingOperations.ReportingOperationsBase
{
    /// <summary>One answer's worth; a longer history is asked for in shorter periods.</summary>
    public const int MaxReadEntries = 5_000;

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

    // National tables are reference data that whoever runs the exchange loads, as they load lookups.
    [Authorize(Policies.Operations)]
    public override async Task<ImportNationalFiguresResponse> ImportNationalFigures(ImportNationalFiguresRequest request, ServerCallContext context)
    {
        var rows = NationalFiguresCsv.Read(new StringReader(request.Csv), catalogue, forces);
        var imports = await national.ImportAsync(rows, context.CancellationToken);
        var response = new ImportNationalFiguresResponse();
        response.Imports.AddRange(imports.Select(i => new Contracts.Reporting.V1.NationalImport { Publication = i.Publication, Stored = i.Stored, Replaced = i.Replaced }));
        return response;
    }

    [Authorize(Policies.ReadAuditTrail)]
    public override async Task<ListAuditEntriesResponse> ListReadAudit(ListAuditEntriesRequest request, ServerCallContext context)
    {
        if (!request.Period.TryToDomain(out var period, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var entries = await reads.ListAsync(request.AreaCode, period, MaxReadEntries + 1, context.CancellationToken);
        var response = new ListAuditEntriesResponse { Truncated = entries.Count > MaxReadEntries };
        response.Entries.AddRange(entries.Take(MaxReadEntries).Select(ToContract));
        return response;
    }

    private static AuditEntry ToContract(ReadAuditEntry entry) => new()
    {
        Service = Extensions.DatabaseName,
        Outcome = AuditOutcome.Read,
        Agency = entry.Agency,
        Subject = entry.Subject,
        ClientAddress = entry.ClientAddress,
        AreaCode = entry.AreaCode,
        PeriodLabel = entry.PeriodLabel,
        OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(entry.OccurredAtMs)),
        Detail = entry.Call,
    };

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
