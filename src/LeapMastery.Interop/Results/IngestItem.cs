using LeapMastery.Domain;
using LeapMastery.Domain.Evidence;

namespace LeapMastery.Interop.Results;

/// <summary>How a repeat of the same source result is read.</summary>
public enum RepeatMeaning
{
    /// <summary>A retry: the first answer stands (native results, xAPI statements).</summary>
    Retry,
    /// <summary>The source's current score for that result: a different score corrects the evidence (LTI AGS, OneRoster).</summary>
    LatestScore,
}

/// <summary>One incoming result after mapping: evidence to record, a non-final result to hold, or why it was rejected.</summary>
public sealed record IngestItem(int Index, string? LearnerId, RecordEvidence? Evidence, RepeatMeaning Repeat, ResultHeld? Held, IReadOnlyList<DomainError> Errors)
{
    public static IngestItem Rejected(int index, string? learnerId, IReadOnlyList<DomainError> errors) => new(index, learnerId, null, RepeatMeaning.Retry, null, errors);

    public static IngestItem Rejected(int index, string? learnerId, string field, string message) => Rejected(index, learnerId, [new DomainError(field, message)]);
}
