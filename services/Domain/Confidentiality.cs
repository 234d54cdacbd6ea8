namespace Partnership.Domain;

public enum Confidentiality
{
    Free,
    Restricted,
    Suppressed,
}
