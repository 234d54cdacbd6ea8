using Google.Protobuf.Collections;
using Partnership.Contracts.Common.V1;

namespace Partnership.Contracts;

// Every domain service has its own typed contract, but its return calls have the same fields. The
// generated messages take these interfaces through partial declarations, so one adapter in the
// submission library serves every service instead of a copy per service.

/// <summary>The fields of a domain service's SubmitReturn request.</summary>
public interface ISubmitReturnRequest
{
    string AreaCode { get; set; }

    Period Period { get; set; }

    RepeatedField<ObservationInput> Observations { get; }

    string SubmittedBy { get; set; }
}

/// <summary>The fields of a domain service's SubmitReturn response.</summary>
public interface ISubmitReturnResponse
{
    string ReturnId { get; set; }

    int Revision { get; set; }

    int ObservationsAccepted { get; set; }
}

/// <summary>The fields of a domain service's GetReturn request.</summary>
public interface IGetReturnRequest
{
    string AreaCode { get; }

    Period Period { get; }

    int Revision { get; }
}

/// <summary>The fields of a stored return as a domain service's GetReturn answers it.</summary>
public interface IReturnMessage
{
    string ReturnId { get; set; }

    string AreaCode { get; set; }

    Period Period { get; set; }

    int Revision { get; set; }

    int LatestRevision { get; set; }

    string SubmittedBy { get; set; }

    string SubmittedAt { get; set; }

    RepeatedField<Observation> Observations { get; }
}

/// <summary>The fields of a domain service's ListMeasures response.</summary>
public interface IListMeasuresResponse
{
    RepeatedField<Measure> Measures { get; }
}
