using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Domain;
using LeapMastery.Domain.Evidence;

namespace LeapMastery.Api.Features.Ingestion;

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

/// <summary>What became of one ingested item.</summary>
public enum BatchItemStatus
{
    /// <summary>New evidence.</summary>
    Recorded,
    /// <summary>A new score for a result seen before: its evidence is corrected.</summary>
    Corrected,
    /// <summary>Seen before with the same score: nothing recorded.</summary>
    Duplicate,
    /// <summary>Not final at the source: kept for the record, not counted.</summary>
    Held,
    /// <summary>Refused or not stored: the item's problem says why.</summary>
    Failed,
}

public sealed class ItemResult
{
    /// <summary>The item's position in the request (0-based).</summary>
    public int Index { get; set; }
    public string? LearnerId { get; set; }
    public BatchItemStatus Status { get; set; }
    public Guid? EvidenceId { get; set; }
    /// <summary>Recognitions this item completed (awarded by it).</summary>
    public List<Guid> RecognitionsAwarded { get; set; } = [];
    /// <summary>Why the item failed (RFC 9457 problem details with field errors).</summary>
    public ApiProblem? Problem { get; set; }
}

public sealed class BatchSummary
{
    public int Received { get; set; }
    public int Recorded { get; set; }
    public int Corrected { get; set; }
    public int Duplicates { get; set; }
    public int Held { get; set; }
    public int Failed { get; set; }
}

/// <summary>Each item succeeds or fails on its own; everything reported recorded, corrected or held is durably stored.</summary>
public sealed class BatchResult
{
    public BatchSummary Summary { get; set; } = new();
    public List<ItemResult> Items { get; set; } = [];
}
