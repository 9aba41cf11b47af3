using LeapMastery.Domain.Frameworks;
using Marten.Events.Aggregation;
using NodaTime;

namespace LeapMastery.Api.Features.Frameworks;

/// <summary>The current version of a framework (inline projection of its stream).</summary>
public sealed class FrameworkDocument
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public FrameworkDefinition Definition { get; set; } = null!;
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }

    /// <summary>What the framework decisions decide on.</summary>
    public FrameworkState State => new(Id, Version, Definition);
}

public sealed class FrameworkProjection : SingleStreamProjection<FrameworkDocument, Guid>
{
    public static FrameworkDocument Create(FrameworkCreated e) => new()
    {
        Id = e.FrameworkId,
        Code = e.Definition.Code,
        Version = 1,
        Definition = e.Definition,
        CreatedAt = e.CreatedAt,
        UpdatedAt = e.CreatedAt,
    };

    public static FrameworkDocument Apply(FrameworkRevised e, FrameworkDocument current)
    {
        current.Code = e.Definition.Code;
        current.Version = e.Version;
        current.Definition = e.Definition;
        current.UpdatedAt = e.RevisedAt;
        return current;
    }
}
