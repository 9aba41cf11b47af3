using NodaTime;

namespace LeapMastery.Api.Features.Groups;

/// <summary>
/// A section or school as the SIS sends it: the full member list, replaced on each sync. Roster state, not a learning
/// fact, so it is a document rather than an event stream.
/// </summary>
public sealed class GroupDocument
{
    /// <summary>The SIS sourcedId of the section or school.</summary>
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "section";
    public string? Title { get; set; }
    public List<string> Members { get; set; } = [];
    public Instant UpdatedAt { get; set; }
}

public sealed class GroupResponse
{
    public string GroupId { get; set; } = "";
    /// <summary>section or school.</summary>
    public string Kind { get; set; } = "";
    public string? Title { get; set; }
    /// <summary>Learner ids (SIS sourcedIds), sorted.</summary>
    public List<string> Members { get; set; } = [];
    public Instant UpdatedAt { get; set; }

    public static GroupResponse From(GroupDocument g) =>
        new() { GroupId = g.Id, Kind = g.Kind, Title = g.Title, Members = g.Members.Where(m => !string.IsNullOrWhiteSpace(m)).ToList(), UpdatedAt = g.UpdatedAt };
}
