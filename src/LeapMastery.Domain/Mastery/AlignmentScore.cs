namespace LeapMastery.Domain.Mastery;

/// <summary>
/// The score an alignment of evidence gives a competency, in exactly one of three forms (MASTERY §2): a level code of
/// the scale, points on the scale, or a raw score out of a maximum. Which form is present is checked by
/// <see cref="ScoreConversion.ToScale"/>, not here, so that bad input from a client can be reported field by field.
/// </summary>
public sealed record AlignmentScore(string? Level = null, decimal? Points = null, decimal? Raw = null, decimal? Max = null)
{
    public static AlignmentScore OfLevel(string code) => new(Level: code);
    public static AlignmentScore OfPoints(decimal points) => new(Points: points);
    public static AlignmentScore OfRaw(decimal raw, decimal max) => new(Raw: raw, Max: max);
}
