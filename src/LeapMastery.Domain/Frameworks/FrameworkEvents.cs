using NodaTime;

namespace LeapMastery.Domain.Frameworks;

public sealed record FrameworkCreated(Guid FrameworkId, FrameworkDefinition Definition, Instant CreatedAt, string CreatedBy);

/// <summary>A new version of the framework; earlier versions stay in the stream for as-of answers.</summary>
public sealed record FrameworkRevised(Guid FrameworkId, int Version, FrameworkDefinition Definition, Instant RevisedAt, string RevisedBy);
