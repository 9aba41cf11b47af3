using NodaTime;

namespace LeapMastery.Domain.Assessments;

public sealed record AssessmentDefined(Guid AssessmentId, AssessmentDefinition Definition, Instant DefinedAt, string DefinedBy);

public sealed record AssessmentRevised(Guid AssessmentId, int Version, AssessmentDefinition Definition, Instant RevisedAt, string RevisedBy);
