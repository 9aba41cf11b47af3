using NodaTime;

namespace LeapMastery.Api.Features.Changes;

/// <summary>The kinds of change a SIS can follow, in the feed and in webhook subscriptions.</summary>
public static class ChangeTypes
{
    public const string EvidenceRecorded = "evidenceRecorded";
    public const string EvidenceCorrected = "evidenceCorrected";
    public const string EvidenceRetracted = "evidenceRetracted";
    public const string LevelChanged = "levelChanged";
    public const string MasteryReached = "masteryReached";
    public const string MasteryLost = "masteryLost";
    /// <summary>Mastery lapsed: not renewed within the policy's validity period (docs/mastery.md §10), with no new evidence.</summary>
    public const string MasteryLapsed = "masteryLapsed";
    public const string RecognitionAwarded = "recognitionAwarded";
    public const string RecognitionRevoked = "recognitionRevoked";
    public const string RecognitionFlaggedForReview = "recognitionFlaggedForReview";

    public static readonly IReadOnlyList<string> All =
    [
        EvidenceRecorded, EvidenceCorrected, EvidenceRetracted, LevelChanged, MasteryReached, MasteryLost, MasteryLapsed,
        RecognitionAwarded, RecognitionRevoked, RecognitionFlaggedForReview,
    ];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);

    /// <summary>Parses a comma-separated list; null or empty means every type.</summary>
    public static IReadOnlySet<string>? Parse(string? types) =>
        string.IsNullOrWhiteSpace(types) ? null : types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>A change-feed cursor on the wire: a non-negative integer string (0 is the beginning).</summary>
public static class FeedCursor
{
    public static bool TryParse(string? cursor, out long position) =>
        long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out position);

    /// <summary>The position of an absent or valid cursor (absent is 0); validators have refused any other.</summary>
    public static long Parse(string? cursor) => cursor is null ? 0 : TryParse(cursor, out var position) ? position : throw new FormatException(cursor);
}

/// <summary>One change, in the feed and in a webhook delivery. Exactly one of <c>evidence</c>, <c>competency</c> and <c>recognition</c> is set, by type.</summary>
public sealed class ChangeResponse
{
    /// <summary>This change's position: pass it as <c>after</c> to read what follows it.</summary>
    public string Cursor { get; set; } = "";
    /// <summary>The change's own id, stable for ever: use it to drop a change seen twice (webhooks deliver at least once).</summary>
    public Guid Id { get; set; }
    /// <summary>evidenceRecorded, evidenceCorrected, evidenceRetracted, levelChanged, masteryReached, masteryLost, recognitionAwarded, recognitionRevoked or recognitionFlaggedForReview.</summary>
    public string Type { get; set; } = "";
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>When the change was recorded.</summary>
    public Instant RecordedAt { get; set; }
    /// <summary>For evidence changes.</summary>
    public EvidenceChange? Evidence { get; set; }
    /// <summary>For levelChanged, masteryReached and masteryLost.</summary>
    public CompetencyChange? Competency { get; set; }
    /// <summary>For recognition changes.</summary>
    public RecognitionChange? Recognition { get; set; }
}

public sealed class EvidenceChange
{
    public Guid EvidenceId { get; set; }
    /// <summary>The competencies the evidence is aligned to (after the change).</summary>
    public List<Guid> CompetencyIds { get; set; } = [];
    /// <summary>For evidenceRecorded: the source system and the source's own id.</summary>
    public string? SourceSystem { get; set; }
    public string? SourceId { get; set; }
    /// <summary>For evidenceRecorded: the modality.</summary>
    public string? Modality { get; set; }
    /// <summary>For evidenceRecorded: when the learning was demonstrated.</summary>
    public Instant? OccurredAt { get; set; }
    /// <summary>For corrections and retractions: why.</summary>
    public string? Reason { get; set; }
}

/// <summary>A competency's level or mastery changed. masteryReached and masteryLost are level changes too: follow all three to see every level change.</summary>
public sealed class CompetencyChange
{
    public Guid FrameworkId { get; set; }
    public Guid CompetencyId { get; set; }
    /// <summary>The level code before the change; null when the competency had no level yet.</summary>
    public string? FromLevel { get; set; }
    /// <summary>The level code after the change; null when no evidence counts any more.</summary>
    public string? ToLevel { get; set; }
    public bool WasMastered { get; set; }
    public bool Mastered { get; set; }
}

public sealed class RecognitionChange
{
    public Guid AwardId { get; set; }
    /// <summary>The recognition definition; set for recognitionAwarded.</summary>
    public Guid? RecognitionId { get; set; }
    /// <summary>For recognitionAwarded: awarded by an educator (true) or automatically when the criteria were first met.</summary>
    public bool? Manual { get; set; }
    /// <summary>For revocations and review flags: why.</summary>
    public string? Reason { get; set; }
}

/// <summary>One page of the change feed.</summary>
public sealed class ChangePage
{
    public List<ChangeResponse> Items { get; set; } = [];
    /// <summary>Pass as <c>after</c> for the next page. Always set: at the end of the feed it is where to poll from next time.</summary>
    public string NextCursor { get; set; } = "0";
    /// <summary>True when more changes are ready now; false when this page reached the end of what is committed.</summary>
    public bool HasMore { get; set; }
}
