using System.Text.Json.Serialization;
using NodaTime;

namespace LeapMastery.Api.Features.Recognitions.Credential;

// The Open Badges 3.0 data model (1EdTech, https://www.imsglobal.org/spec/ob/v3p0/), as much of it as a recognition fills.
// Optional members are left out when empty: the schema types them as strings or arrays, never null.

/// <summary>
/// An Open Badges 3.0 <c>AchievementCredential</c> on the W3C Verifiable Credentials Data Model 2.0 (JSON-LD); signed, it is
/// the payload of a VC-JWT as VC-JOSE-COSE describes (<c>typ: vc+jwt</c>).
/// </summary>
public sealed class AchievementCredential
{
    [JsonPropertyName("@context")] public List<string> Context { get; set; } = [];
    public string Id { get; set; } = "";
    public List<string> Type { get; set; } = [];
    public string Name { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    public IssuerProfile Issuer { get; set; } = new();
    /// <summary>From when the credential is valid: when the recognition was awarded (VC 2.0's <c>validFrom</c>; VC 1.1 named it issuanceDate).</summary>
    public Instant ValidFrom { get; set; }
    public Instant AwardedDate { get; set; }
    public AchievementSubject CredentialSubject { get; set; } = new();
    /// <summary>Where a verifier sees whether the credential was revoked (a bit of the issuer's Bitstring Status List).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public BitstringStatusListEntry? CredentialStatus { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<CredentialEvidence>? Evidence { get; set; }
}

/// <summary>The issuer: the tenant (district).</summary>
public sealed class IssuerProfile
{
    public string Id { get; set; } = "";
    public List<string> Type { get; set; } = ["Profile"];
    public string Name { get; set; } = "";
}

public sealed class AchievementSubject
{
    public List<string> Type { get; set; } = ["AchievementSubject"];
    /// <summary>The learner, by a salted SHA-256 of the SIS sourcedId (no personal data leaves in clear).</summary>
    public List<IdentityObject> Identifier { get; set; } = [];
    public Achievement Achievement { get; set; } = new();
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? CreditsEarned { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Narrative { get; set; }
    /// <summary>The level reached in each competency the criteria name, as of the award.</summary>
    public List<CredentialResult> Result { get; set; } = [];
}

public sealed class IdentityObject
{
    public string Type { get; set; } = "IdentityObject";
    public bool Hashed { get; set; }
    public string IdentityHash { get; set; } = "";
    public string IdentityType { get; set; } = "sourcedId";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Salt { get; set; }
}

public sealed class Achievement
{
    public string Id { get; set; } = "";
    public List<string> Type { get; set; } = ["Achievement"];
    public string AchievementType { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public Criteria Criteria { get; set; } = new();
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? CreditsAvailable { get; set; }
    public string HumanCode { get; set; } = "";
    public List<Alignment> Alignment { get; set; } = [];
    public List<ResultDescription> ResultDescription { get; set; } = [];
}

public sealed class Criteria
{
    /// <summary>The criteria tree, in Markdown.</summary>
    public string Narrative { get; set; } = "";
}

/// <summary>An alignment to a competency: its CASE item URI when the framework was imported from CASE.</summary>
public sealed class Alignment
{
    public List<string> Type { get; set; } = ["Alignment"];
    public string TargetName { get; set; } = "";
    public string TargetUrl { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TargetDescription { get; set; }
    public string TargetCode { get; set; } = "";
    public string TargetFramework { get; set; } = "";
    /// <summary>CFItem for a CASE competency, ext:Competency otherwise.</summary>
    public string TargetType { get; set; } = "";
}

public sealed class ResultDescription
{
    public string Id { get; set; } = "";
    public List<string> Type { get; set; } = ["ResultDescription"];
    public string Name { get; set; } = "";
    public string ResultType { get; set; } = "RubricCriterionLevel";
    public List<Alignment> Alignment { get; set; } = [];
    public List<RubricCriterionLevel> RubricCriterionLevel { get; set; } = [];
    /// <summary>The lowest level that satisfies the criteria (the mastery level, or a minLevel criterion's level).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RequiredLevel { get; set; }
}

public sealed class RubricCriterionLevel
{
    public string Id { get; set; } = "";
    public List<string> Type { get; set; } = ["RubricCriterionLevel"];
    public string Name { get; set; } = "";
    public string Level { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
}

public sealed class CredentialResult
{
    public List<string> Type { get; set; } = ["Result"];
    public string ResultDescription { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AchievedLevel { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Value { get; set; }
    public string Status { get; set; } = "Completed";
}

public sealed class CredentialEvidence
{
    public string Id { get; set; } = "";
    public List<string> Type { get; set; } = ["Evidence"];
    public string Name { get; set; } = "";
    public string Genre { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Narrative { get; set; }
}
