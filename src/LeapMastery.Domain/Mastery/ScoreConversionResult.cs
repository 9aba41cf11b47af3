namespace LeapMastery.Domain.Mastery;

/// <summary>Either a score on the scale or the reasons the alignment's score was rejected; never both.</summary>
public sealed record ScoreConversionResult
{
    private ScoreConversionResult(decimal? score, IReadOnlyList<DomainError> errors)
    {
        Score = score;
        Errors = errors;
    }

    public decimal? Score { get; }
    public IReadOnlyList<DomainError> Errors { get; }
    public bool IsValid => Errors.Count == 0;

    public static ScoreConversionResult Valid(decimal score) => new(score, []);

    public static ScoreConversionResult Invalid(IReadOnlyList<DomainError> errors) =>
        errors.Count > 0 ? new(null, errors) : throw new ArgumentException("An invalid result needs errors.", nameof(errors));
}
