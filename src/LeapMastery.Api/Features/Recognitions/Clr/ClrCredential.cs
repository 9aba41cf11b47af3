using System.Text.Json.Serialization;
using LeapMastery.Api.Features.Recognitions.Credential;
using NodaTime;

namespace LeapMastery.Api.Features.Recognitions.Clr;

// The Comprehensive Learner Record 2.0 data model (1EdTech, https://www.imsglobal.org/spec/clr/v2p0/) on the W3C
// Verifiable Credentials Data Model 2.0, as much of it as a learner's record fills. Its achievements, results and
// embedded credentials are Open Badges 3.0 classes (OpenBadgeCredential.cs).

/// <summary>
/// A learner's whole record as a CLR 2.0 <c>ClrCredential</c> (JSON-LD); signed, it is the payload of a VC-JWT as
/// VC-JOSE-COSE describes (<c>typ: vc+jwt</c>), like a badge.
/// </summary>
public sealed class ClrCredential
{
    [JsonPropertyName("@context")] public List<string> Context { get; set; } = [];
    /// <summary>A name-based URN of the tenant, the learner and the record's content: the same record gets the same id.</summary>
    public string Id { get; set; } = "";
    public List<string> Type { get; set; } = ["VerifiableCredential", "ClrCredential"];
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public IssuerProfile Issuer { get; set; } = new();
    /// <summary>When the latest thing the record holds happened (the newest award or counted evidence).</summary>
    public Instant ValidFrom { get; set; }
    public Instant AwardedDate { get; set; }
    /// <summary>False when the record holds every active recognition and every demonstrated competency; true if an active award had to be left out (its recognition's definition is missing).</summary>
    public bool Partial { get; set; }
    public ClrSubject CredentialSubject { get; set; } = new();
}

public sealed class ClrSubject
{
    public List<string> Type { get; set; } = ["ClrSubject"];
    /// <summary>The learner, by a salted SHA-256 of the SIS sourcedId, as in each embedded credential.</summary>
    public List<IdentityObject> Identifier { get; set; } = [];
    /// <summary>
    /// The competencies the learner has demonstrated (counted evidence), with the framework nodes above them, as
    /// achievements; the associations relate them.
    /// </summary>
    public List<Achievement> Achievement { get; set; } = [];
    /// <summary>
    /// Every active recognition as its Open Badges credential (as <c>…/recognitions/{awardId}/credential</c> serves it), then
    /// one credential per demonstrated competency with the level reached (status Completed when mastered, else InProgress).
    /// </summary>
    public List<AchievementCredential> VerifiableCredential { get; set; } = [];
    /// <summary>The framework's tree (<c>isChildOf</c>) and order (<c>precedes</c>: prerequisites and progression steps) between the achievements.</summary>
    public List<ClrAssociation> Association { get; set; } = [];
}

/// <summary>How two achievements of the record relate: <c>sourceId</c> isChildOf / precedes <c>targetId</c>.</summary>
public sealed class ClrAssociation
{
    public string Type { get; set; } = "Association";
    /// <summary><c>isChildOf</c> (the source sits under the target in the framework) or <c>precedes</c> (the source comes first: a prerequisite or an earlier progression step).</summary>
    public string AssociationType { get; set; } = "";
    public string SourceId { get; set; } = "";
    public string TargetId { get; set; } = "";
}
