using System.Globalization;
using Partnership.Domain;
using Partnership.Submissions.Validation;

namespace Partnership.VictimServices.Commissioning;

/// <summary>
/// Checks a commissioning statement whole, listing every problem: each service is complete and its
/// money adds up (a provider is never allocated more than the PCC was awarded for the service), and
/// every total the statement states equals the sum of its parts.
/// </summary>
public sealed class CommissioningValidator(Geography geography)
{
    public IReadOnlyList<FieldViolation> Validate(CommissioningStatement statement)
    {
        var violations = new ViolationCollector();
        if (!geography.TryGet(statement.ForceAreaCode, out var area) || area.Type != AreaType.Force)
        {
            violations.Add("force_area_code", $"'{statement.ForceAreaCode}' is not a force area; services are commissioned by a PCC for the force area");
        }

        if (statement.Services.Count == 0)
        {
            violations.Add("services", "the statement lists no commissioned services");
        }

        var yearStart = new DateOnly(statement.FinancialYear, 4, 1);
        var yearEnd = new DateOnly(statement.FinancialYear + 1, 3, 31);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < statement.Services.Count; i++)
        {
            var service = statement.Services[i];
            var field = $"services[{i}]";
            Required(violations, field + ".id", service.Id);
            Required(violations, field + ".provider", service.Provider);
            Required(violations, field + ".service", service.Service);
            Required(violations, field + ".funding_stream", service.FundingStream);
            if (!string.IsNullOrWhiteSpace(service.Id) && !ids.TryAdd(service.Id, i))
            {
                violations.Add(field + ".id", $"'{service.Id}' appears twice (first at services[{ids[service.Id]}])");
            }

            Money(violations, field + ".amount_awarded", service.AmountAwarded);
            Money(violations, field + ".amount_allocated", service.AmountAllocated);
            if (service.AmountAllocated > service.AmountAwarded)
            {
                violations.Add(field + ".amount_allocated", $"{Pounds(service.AmountAllocated)} allocated to the provider is more than the {Pounds(service.AmountAwarded)} awarded for the service");
            }

            if (service.ContractEnd < service.ContractStart)
            {
                violations.Add(field + ".contract_end", $"the contract ends ({service.ContractEnd:yyyy-MM-dd}) before it starts ({service.ContractStart:yyyy-MM-dd})");
            }
            else if (!service.CoversAnyOf(yearStart, yearEnd))
            {
                violations.Add(field + ".contract_start", $"the contract ({service.ContractStart:yyyy-MM-dd} to {service.ContractEnd:yyyy-MM-dd}) does not run in the financial year it is listed for");
            }
        }

        CheckStatedTotals(statement, violations);
        return violations.Violations;
    }

    private static void CheckStatedTotals(CommissioningStatement statement, ViolationCollector violations)
    {
        var streams = statement.Services.GroupBy(s => s.FundingStream, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < statement.StatedTotals.Count; i++)
        {
            var total = statement.StatedTotals[i];
            var field = $"stated_totals[{i}]";
            if (!seen.Add(total.FundingStream))
            {
                violations.Add(field + ".funding_stream", $"'{total.FundingStream}' is totalled twice");
                continue;
            }

            if (!streams.TryGetValue(total.FundingStream, out var parts))
            {
                violations.Add(field + ".funding_stream", $"no commissioned service is funded from '{total.FundingStream}', so it has no total");
                continue;
            }

            Matches(violations, field + ".amount_awarded", total.FundingStream, "awarded", total.AmountAwarded, parts.Sum(p => p.AmountAwarded));
            Matches(violations, field + ".amount_allocated", total.FundingStream, "allocated", total.AmountAllocated, parts.Sum(p => p.AmountAllocated));
        }
    }

    private static void Matches(ViolationCollector violations, string field, string stream, string what, decimal? stated, decimal sum)
    {
        if (stated is { } value && value != sum)
        {
            violations.Add(field, $"the total {what} for '{stream}' is stated as {Pounds(value)} but its services add up to {Pounds(sum)} (a difference of {Pounds(value - sum)})");
        }
    }

    private static void Required(ViolationCollector violations, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            violations.Add(field, "is required");
        }
    }

    private static void Money(ViolationCollector violations, string field, decimal amount)
    {
        if (amount < 0)
        {
            violations.Add(field, $"{Pounds(amount)} is negative");
        }
        else if (amount != decimal.Round(amount, 2))
        {
            // Pence are the smallest unit awarded; more places would be a typing slip, not money.
            violations.Add(field, $"{amount.ToString(CultureInfo.InvariantCulture)} has more than two decimal places");
        }
    }

    private static string Pounds(decimal amount) => amount.ToString("£#,0.00;-£#,0.00", CultureInfo.InvariantCulture);
}
