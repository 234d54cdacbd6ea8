using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Partnership.Contracts;
using Partnership.Contracts.Audit.V1;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions.Audit;

namespace Partnership.Submissions.Grpc;

/// <summary>A thin adapter from the audit contract to the audit trails of the domain services this host runs, for holders of the audit reader role.</summary>
public sealed class AuditTrailService(IEnumerable<IAuditLog> logs) : AuditTrail.AuditTrailBase
{
    /// <summary>One answer's worth; a longer history is asked for in shorter periods.</summary>
    public const int MaxEntries = 5_000;

    [Authorize(Policies.ReadAuditTrail)]
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        if (!request.Period.TryToDomain(out var period, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var entries = new List<Storage.AuditEntry>();
        foreach (var log in logs.Where(l => request.Service.Length == 0 || l.Service == request.Service))
        {
            entries.AddRange(await log.ListAsync(request.AreaCode, period, MaxEntries + 1, context.CancellationToken));
        }

        var response = new ListAuditEntriesResponse { Truncated = entries.Count > MaxEntries };
        response.Entries.AddRange(entries.OrderBy(e => e.OccurredAtMs).Take(MaxEntries).Select(ToContract));
        return response;
    }

    private static Contracts.Audit.V1.AuditEntry ToContract(Storage.AuditEntry entry) => new()
    {
        Service = entry.Service,
        Outcome = entry.Outcome switch
        {
            Storage.AuditOutcome.Accepted => AuditOutcome.Accepted,
            Storage.AuditOutcome.Rejected => AuditOutcome.Rejected,
            Storage.AuditOutcome.Read => AuditOutcome.Read,
            _ => AuditOutcome.Denied,
        },
        Agency = entry.Agency,
        Subject = entry.Subject,
        ClientAddress = entry.ClientAddress,
        AreaCode = entry.AreaCode,
        PeriodLabel = entry.PeriodLabel,
        ReturnId = entry.ReturnId?.ToString() ?? "",
        Revision = entry.Revision ?? 0,
        OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(entry.OccurredAtMs)),
        Detail = entry.Detail,
    };
}
