using System.Text.Json.Serialization;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Placements;

public sealed class PlacementBody
{
    [JsonRequired] public Guid FrameworkId { get; set; }
    /// <summary>The progression's code within the framework.</summary>
    public string ProgressionCode { get; set; } = "";
    /// <summary>The step (1-based) the learner starts at; give this or <c>competencyId</c>.</summary>
    public int? Step { get; set; }
    /// <summary>The competency (a step of the progression) the learner starts at; give this or <c>step</c>.</summary>
    public Guid? CompetencyId { get; set; }
    /// <summary>preAssessment, priorRecords or educator: what the placement rests on.</summary>
    public string Basis { get; set; } = "";
    public string? Note { get; set; }
}

public sealed class PlacementResponse
{
    public Guid PlacementId { get; set; }
    public string LearnerId { get; set; } = "";
    public Guid FrameworkId { get; set; }
    public string ProgressionCode { get; set; } = "";
    /// <summary>The step (1-based) the learner starts at; the steps before it count as placed.</summary>
    public int Step { get; set; }
    public string Basis { get; set; } = "";
    public string? Note { get; set; }
    public Instant PlacedAt { get; set; }
    public string PlacedBy { get; set; } = "";

    public static readonly IReadOnlyList<string> Bases = ["preAssessment", "priorRecords", "educator"];

    public static PlacementResponse From(PlacementRecorded p) => new()
    {
        PlacementId = p.PlacementId, LearnerId = p.LearnerId, FrameworkId = p.FrameworkId, ProgressionCode = p.ProgressionCode,
        Step = p.Step, Basis = p.Basis, Note = p.Note, PlacedAt = p.PlacedAt, PlacedBy = p.PlacedBy,
    };
}
