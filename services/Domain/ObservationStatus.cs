namespace Partnership.Domain;

public enum ObservationStatus
{
    Final,
    Provisional,
    Estimated,
    Revised,
    Unvalidated,
}
