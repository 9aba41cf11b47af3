using LeapMastery.Domain.Assessments;
using Marten.Events.Aggregation;
using NodaTime;

namespace LeapMastery.Api.Features.Assessments;

/// <summary>The current version of an assessment (inline projection of its stream).</summary>
public sealed class AssessmentDocument
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public AssessmentDefinition Definition { get; set; } = null!;
    public Instant DefinedAt { get; set; }
}

public sealed class AssessmentProjection : SingleStreamProjection<AssessmentDocument, Guid>
{
    public static AssessmentDocument Create(AssessmentDefined e) =>
        new() { Id = e.AssessmentId, Code = e.Definition.Code, Version = 1, Definition = e.Definition, DefinedAt = e.DefinedAt };

    public static AssessmentDocument Apply(AssessmentRevised e, AssessmentDocument doc)
    {
        doc.Code = e.Definition.Code;
        doc.Version = e.Version;
        doc.Definition = e.Definition;
        return doc;
    }
}
