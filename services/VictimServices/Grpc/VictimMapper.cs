using System.Globalization;
using Partnership.Contracts;
using Partnership.Domain;
using Partnership.ServiceDefaults;
using Partnership.Submissions.Validation;
using Partnership.VictimServices.Commissioning;
using Partnership.VictimServices.Returns;
using Proto = Partnership.Contracts.Victims.V1;

namespace Partnership.VictimServices.Grpc;

/// <summary>Small static mappers between the victims contract and the service's domain types.</summary>
public static class VictimMapper
{
    /// <summary>Reads a commissioning statement off the wire, reporting every unreadable field at once.</summary>
    public static CommissioningStatement ToStatement(Proto.SubmitCommissioningRequest request)
    {
        var violations = new ViolationCollector();
        var year = ReadFinancialYear(request.FinancialYear, "financial_year", violations) ?? 0;
        var services = new List<CommissionedService>();
        for (var i = 0; i < request.Services.Count; i++)
        {
            var service = request.Services[i];
            var start = ReadDate(service.ContractStart, $"services[{i}].contract_start", violations);
            var end = ReadDate(service.ContractEnd, $"services[{i}].contract_end", violations);
            services.Add(new CommissionedService(
                service.Id.Trim(),
                service.Provider.Trim(),
                service.Service.Trim(),
                service.FundingStream.Trim(),
                ReadMoney(service.AmountAwarded, $"services[{i}].amount_awarded", violations),
                ReadMoney(service.AmountAllocated, $"services[{i}].amount_allocated", violations),
                start,
                end));
        }

        for (var i = 0; i < request.StatedTotals.Count; i++)
        {
            CheckWellFormed(request.StatedTotals[i].AmountAwarded, $"stated_totals[{i}].amount_awarded", violations);
            CheckWellFormed(request.StatedTotals[i].AmountAllocated, $"stated_totals[{i}].amount_allocated", violations);
        }

        if (violations.Any)
        {
            throw new ReturnRejectedException(violations.Violations, "commissioning statement");
        }

        var totals = request.StatedTotals.Select(t => new StatedTotal(t.FundingStream.Trim(), t.AmountAwarded?.ToDecimal(), t.AmountAllocated?.ToDecimal()));
        return new CommissioningStatement(request.ForceAreaCode, year, services, [.. totals], string.IsNullOrWhiteSpace(request.SubmittedBy) ? "unknown" : request.SubmittedBy);
    }

    /// <summary>An optional financial year on a read; throws INVALID_ARGUMENT when given but not a financial year.</summary>
    public static int? ToOptionalFinancialYear(Contracts.Common.V1.Period? period)
    {
        if (period is null)
        {
            return null;
        }

        var violations = new ViolationCollector();
        var year = ReadFinancialYear(period, "financial_year", violations);
        return violations.Any ? throw RpcErrors.InvalidArgument(violations.Violations) : year;
    }

    public static Proto.CommissionedService ToContract(this CommissionedServiceView view) => new()
    {
        Id = view.Service.Id,
        Provider = view.Service.Provider,
        Service = view.Service.Service,
        FundingStream = view.Service.FundingStream,
        AmountAwarded = view.Service.AmountAwarded,
        AmountAllocated = view.Service.AmountAllocated,
        ContractStart = Iso(view.Service.ContractStart),
        ContractEnd = Iso(view.Service.ContractEnd),
        FinancialYear = Period.FinancialYear(view.FinancialYear).Label,
    };

    public static Proto.FundingTotal ToContract(this FundingTotal total) => new()
    {
        FundingStream = total.FundingStream,
        FinancialYear = Period.FinancialYear(total.FinancialYear).Label,
        AmountAwarded = total.AmountAwarded,
        AmountAllocated = total.AmountAllocated,
        AmountUnallocated = total.AmountUnallocated,
        Services = total.Services,
    };

    public static Proto.SurveyRate ToContract(this SurveyRate rate, string measureId, string areaCode)
    {
        var result = new Proto.SurveyRate
        {
            MeasureId = measureId,
            AreaCode = areaCode,
            Period = rate.Window.ToContract(),
            Fraction = new Contracts.Common.V1.Fraction { Numerator = rate.Satisfied, Denominator = rate.Respondents },
        };
        if (rate.Rate is { } value)
        {
            result.Rate = value;
        }

        result.Waves.AddRange(rate.Waves.Select(w => new Proto.SurveyWave
        {
            Period = w.Period.ToContract(),
            Fraction = new Contracts.Common.V1.Fraction { Numerator = w.Satisfied, Denominator = w.Respondents },
            Revision = w.Revision,
        }));
        return result;
    }

    private static int? ReadFinancialYear(Contracts.Common.V1.Period? period, string field, ViolationCollector violations)
    {
        if (!period.TryToDomain(out var parsed, out var error))
        {
            violations.Add(field, error);
            return null;
        }

        if (parsed.Kind != PeriodKind.FinancialYear)
        {
            violations.Add(field, $"{parsed.Label} is not a financial year (April to March), e.g. FY2024/25");
            return null;
        }

        return parsed.Start.Year;
    }

    private static DateOnly ReadDate(string text, string field, ViolationCollector violations)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        violations.Add(field, $"'{text}' is not a date YYYY-MM-DD");
        return default;
    }

    private static decimal ReadMoney(Contracts.Common.V1.DecimalValue? amount, string field, ViolationCollector violations)
    {
        if (amount is null)
        {
            violations.Add(field, "is required");
            return 0m;
        }

        CheckWellFormed(amount, field, violations);
        return amount.ToDecimal();
    }

    private static void CheckWellFormed(Contracts.Common.V1.DecimalValue? amount, string field, ViolationCollector violations)
    {
        if (amount?.Problem is { } problem)
        {
            violations.Add(field, problem);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
