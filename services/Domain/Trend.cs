namespace Partnership.Domain;

public enum Trend
{
    None,
    Up,
    Down,
    Steady,
}
