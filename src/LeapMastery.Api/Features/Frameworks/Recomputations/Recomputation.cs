using NodaTime;

namespace LeapMastery.Api.Features.Frameworks.Recomputations;

/// <summary>
/// A framework revision's recomputation of its learners, recorded in the same transaction as the revision so it survives a
/// restart: every learner's standing under the new version is compared with the old one (competency states that changed go to
/// the change feed, recognitions now first met are awarded, awarded ones no longer met are flagged). Its cursor advances in the
/// same transaction as each learner's appends, so a learner is recomputed once however often the work is interrupted.
/// </summary>
public sealed class Recomputation
{
    public Guid Id { get; set; }
    /// <summary>The district whose framework it is (the worker serves every tenant).</summary>
    public string TenantId { get; set; } = "";
    public Guid FrameworkId { get; set; }
    public int FromVersion { get; set; }
    public int ToVersion { get; set; }
    /// <summary>The client whose revision started it (recorded as the author of what it appends).</summary>
    public string RequestedBy { get; set; } = "";
    public Instant RequestedAt { get; set; }
    public Instant? StartedAt { get; set; }
    public Instant? FinishedAt { get; set; }
    /// <summary>Unfinished ones are picked up by the worker (a plain field, so Marten can query it).</summary>
    public bool Finished { get; set; }
    /// <summary>Learners known to the recomputation: those with a record when it started, plus any it met that arrived later.</summary>
    public int LearnersTotal { get; set; }
    public int LearnersDone { get; set; }
    /// <summary>Learners for whom the revision changed something (a state, an award, a review flag).</summary>
    public int LearnersChanged { get; set; }
    public int Failures { get; set; }
    public string? LastFailure { get; set; }
    /// <summary>The last learner stream done (learners are taken in stream-id order).</summary>
    public Guid? Cursor { get; set; }

    public RecomputationStatus Status => Finished ? RecomputationStatus.Finished : StartedAt is null ? RecomputationStatus.Queued : RecomputationStatus.Running;

    public static Recomputation For(string tenantId, Guid frameworkId, int toVersion, string by, Instant at) => new()
    {
        Id = Guid.NewGuid(), TenantId = tenantId, FrameworkId = frameworkId, FromVersion = toVersion - 1, ToVersion = toVersion, RequestedBy = by, RequestedAt = at,
    };
}

public enum RecomputationStatus
{
    Queued,
    Running,
    Finished,
}

/// <summary>A recomputation as clients see it.</summary>
public sealed class RecomputationResponse
{
    public Guid RecomputationId { get; set; }
    public Guid FrameworkId { get; set; }
    /// <summary>The version whose results are replaced.</summary>
    public int FromVersion { get; set; }
    /// <summary>The version learners are recomputed under.</summary>
    public int ToVersion { get; set; }
    /// <summary>queued (not started yet), running, or finished.</summary>
    public RecomputationStatus Status { get; set; }
    public Instant RequestedAt { get; set; }
    public Instant? StartedAt { get; set; }
    public Instant? FinishedAt { get; set; }
    /// <summary>Learners known to it: those with a record when it started, plus any that arrived while it ran.</summary>
    public int LearnersTotal { get; set; }
    /// <summary>Learners already recomputed (or found to need nothing).</summary>
    public int LearnersDone { get; set; }
    /// <summary>Learners for whom the revision changed a competency state, an award or a review flag.</summary>
    public int LearnersChanged { get; set; }
    /// <summary>Learners that could not be recomputed (see <c>lastFailure</c>); their next write brings them up to date.</summary>
    public int Failures { get; set; }
    public string? LastFailure { get; set; }
    /// <summary>This resource's own path.</summary>
    public string Href { get; set; } = "";

    public static string PathOf(Guid frameworkId, Guid recomputationId) => $"/v1/frameworks/{frameworkId}/recomputations/{recomputationId}";

    public static RecomputationResponse From(Recomputation r) => new()
    {
        RecomputationId = r.Id, FrameworkId = r.FrameworkId, FromVersion = r.FromVersion, ToVersion = r.ToVersion, Status = r.Status,
        RequestedAt = r.RequestedAt, StartedAt = r.StartedAt, FinishedAt = r.FinishedAt, LearnersTotal = r.LearnersTotal,
        LearnersDone = r.LearnersDone, LearnersChanged = r.LearnersChanged, Failures = r.Failures, LastFailure = r.LastFailure,
        Href = PathOf(r.FrameworkId, r.Id),
    };
}
