using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Domain;
using LeapMastery.Domain.Evidence;
using LeapMastery.Interop.Results;

namespace LeapMastery.Api.Features.Ingestion;

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
