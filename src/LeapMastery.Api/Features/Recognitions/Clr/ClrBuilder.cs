using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Features.Recognitions.Credential;
using LeapMastery.Api.Infrastructure.Json;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Progress;

namespace LeapMastery.Api.Features.Recognitions.Clr;

/// <summary>
/// Builds a learner's Comprehensive Learner Record (CLR 2.0): the active recognitions' Open Badges credentials, and for
/// every competency the learner has demonstrated (at least one counted piece of evidence) an achievement, a credential
/// with the level reached now, and the framework's relations between them. It depends only on what was recorded, so the
/// same record reads the same every time.
/// </summary>
public static class ClrBuilder
{
    public static readonly IReadOnlyList<string> Contexts =
    [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ];

    private static readonly JsonSerializerOptions Json = JsonSetup.CreateOptions();

    /// <summary>
    /// The record, or null when it would hold no credential (nothing demonstrated, nothing awarded): CLR 2.0 requires one.
    /// <paramref name="partial"/>: an active award could not be put in (its recognition's definition is missing).
    /// </summary>
    public static ClrCredential? Build(string tenantId, string issuerUrl, string issuerName, LearnerProgress now, IReadOnlyList<AchievementCredential> awards,
        bool partial = false)
    {
        var issuer = new IssuerProfile { Id = issuerUrl, Name = issuerName };
        var achievements = new List<Achievement>();
        var competencyCredentials = new List<AchievementCredential>();
        var associations = new List<ClrAssociation>();
        foreach (var framework in now.Frameworks)
        {
            var definition = framework.Framework;
            var demonstrated = framework.Competencies.Where(c => c.Result.CountedCount > 0).ToDictionary(c => c.Competency.Code);
            if (demonstrated.Count == 0) continue;

            // The demonstrated competencies and the nodes above them, in the framework's order.
            var byCode = definition.Competencies.ToDictionary(c => c.Code);
            var included = new HashSet<string>();
            foreach (var code in demonstrated.Keys)
                for (var node = byCode[code]; included.Add(node.Code) && node.ParentCode is { } parent && byCode.TryGetValue(parent, out var up);)
                    node = up;
            foreach (var competency in definition.Competencies.Where(c => included.Contains(c.Code)))
            {
                var achievement = AchievementOf(definition, competency, demonstrated.GetValueOrDefault(competency.Code));
                achievements.Add(achievement);
                if (demonstrated.TryGetValue(competency.Code, out var progress))
                    competencyCredentials.Add(CompetencyCredential(tenantId, now.LearnerId, issuer, achievement, progress));
            }

            var seen = new HashSet<(string, Guid, Guid)>();
            void Relate(string type, string sourceCode, string targetCode)
            {
                if (!included.Contains(sourceCode) || !included.Contains(targetCode)) return;
                var (source, target) = (byCode[sourceCode].Id, byCode[targetCode].Id);
                if (seen.Add((type, source, target)))
                    associations.Add(new ClrAssociation { AssociationType = type, SourceId = Urn(source), TargetId = Urn(target) });
            }
            foreach (var competency in definition.Competencies.Where(c => c.ParentCode is not null)) Relate("isChildOf", competency.Code, competency.ParentCode!);
            foreach (var prerequisite in definition.Prerequisites) Relate("precedes", prerequisite.RequiresCode, prerequisite.CompetencyCode);
            foreach (var progression in definition.Progressions)
                for (var i = 1; i < progression.Steps.Count; i++) Relate("precedes", progression.Steps[i - 1], progression.Steps[i]);
        }

        var credentials = awards.Concat(competencyCredentials).ToList();
        if (credentials.Count == 0) return null;
        var subject = new ClrSubject
        {
            Identifier = [CredentialBuilder.HashedLearner(now.LearnerId, CredentialBuilder.NameBased("clr-salt", $"{tenantId}\n{now.LearnerId}").ToString("N"))],
            Achievement = achievements,
            VerifiableCredential = credentials,
            Association = associations,
        };
        var content = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(subject, Json)));
        var latest = credentials.Max(c => c.ValidFrom);
        return new ClrCredential
        {
            Context = Contexts.ToList(),
            Id = $"urn:uuid:{CredentialBuilder.NameBased("clr", $"{tenantId}\n{now.LearnerId}\n{content}")}",
            Name = $"Comprehensive Learner Record from {issuerName}",
            Description = "Every active recognition and every demonstrated competency of one learner, with the level reached in each.",
            Issuer = issuer,
            ValidFrom = latest,
            AwardedDate = latest,
            Partial = partial,
            CredentialSubject = subject,
        };
    }

    /// <summary>A framework node as an achievement: a competency (or sub-skill) with its scale's levels, or a domain or strand above it.</summary>
    private static Achievement AchievementOf(FrameworkDefinition framework, CompetencyDefinition competency, CompetencyProgress? progress)
    {
        var assessed = competency.Kind is CompetencyKind.Competency or CompetencyKind.SubSkill || progress is not null;
        var achievement = new Achievement
        {
            Id = Urn(competency.Id),
            AchievementType = assessed ? "Competency" : $"ext:{competency.Kind}",
            Name = competency.Statement.Length > 200 ? competency.Statement[..200] : competency.Statement,
            Description = competency.Statement,
            HumanCode = competency.Code,
            Alignment = [CredentialBuilder.AlignmentOf(framework, competency)],
            Criteria = new Criteria
            {
                Narrative = progress is null
                    ? $"Groups the competencies under {competency.Code} in {framework.Title}."
                    : $"Mastery of {competency.Code} in {framework.Title}: a score of at least {progress.Result.MasteryThreshold} on its scale " +
                      $"({framework.Scale.MinPoints} to {framework.Scale.MaxPoints}) under the {JsonNamingPolicy.CamelCase.ConvertName(progress.Policy.Method.ToString())} " +
                      "calculation method, from the evidence the learner demonstrated.",
            },
        };
        if (progress is null) return achievement;
        // The level mastery starts in (the threshold may fall inside a level).
        var mastery = framework.Scale.LevelFor(progress.Result.MasteryThreshold).Code;
        achievement.ResultDescription = [CredentialBuilder.LevelsOf(competency, achievement.Alignment[0], framework.Scale, mastery, level => ResultUrn(competency.Id, level))];
        return achievement;
    }

    /// <summary>The learner's standing on one demonstrated competency as an Open Badges credential: the level reached, Completed once mastered.</summary>
    private static AchievementCredential CompetencyCredential(string tenantId, string learnerId, IssuerProfile issuer, Achievement achievement, CompetencyProgress progress)
    {
        var level = progress.Result.Level;
        // When the newest counted evidence happened: evidence not counted (pending validation, rejected) changes nothing here.
        var at = progress.Result.Counted.Max(o => o.OccurredAt);
        var state = $"{tenantId}\n{learnerId}\n{progress.Competency.Id}\n{at}\n{level?.Code}\n{progress.Result.Mastered}";
        var id = CredentialBuilder.NameBased("clr-competency", state);
        return new AchievementCredential
        {
            Context = CredentialBuilder.Contexts.ToList(),
            Id = $"urn:uuid:{id}",
            Type = ["VerifiableCredential", "OpenBadgeCredential"],
            Name = level is null ? progress.Competency.Code : $"{progress.Competency.Code}: {level.Label}",
            Description = progress.Result.Mastered
                ? $"Mastery of {progress.Competency.Code} demonstrated."
                : $"{progress.Competency.Code} demonstrated, not yet mastered.",
            Issuer = issuer,
            ValidFrom = at,
            AwardedDate = at,
            CredentialSubject = new AchievementSubject
            {
                Identifier = [CredentialBuilder.HashedLearner(learnerId, id.ToString("N"))],
                Achievement = achievement,
                Result =
                [
                    new CredentialResult
                    {
                        ResultDescription = ResultUrn(progress.Competency.Id),
                        AchievedLevel = level is null ? null : ResultUrn(progress.Competency.Id, level.Code),
                        Value = level?.Code,
                        Status = progress.Result.Mastered ? "Completed" : "InProgress",
                    },
                ],
            },
        };
    }

    private static string Urn(Guid competencyId) => $"urn:uuid:{competencyId}";

    private static string ResultUrn(Guid competencyId, string? level = null) =>
        $"urn:uuid:{CredentialBuilder.NameBased("clr-result", $"{competencyId}" + (level is null ? "" : $"\n{level}"))}";
}
