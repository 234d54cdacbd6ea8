namespace Partnership.Domain;

public enum Polarity
{
    HigherIsBetter,
    LowerIsBetter,
    Monitor,
}
