using System.Security.Cryptography;
using System.Text;
using LeapMastery.Api.Features.Progress;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using LeapMastery.Domain.Recognitions;

namespace LeapMastery.Api.Features.Recognitions.Credential;

/// <summary>
/// Builds the Open Badges 3.0 credential of one award: the tenant as issuer, the recognition as achievement (criteria in
/// Markdown, alignments to the competencies' CASE URIs), and the levels the learner had reached when it was awarded. It
/// depends only on the award, the definition and the learner's record up to the award, so it reads the same every time.
/// </summary>
public static class CredentialBuilder
{
    public static readonly IReadOnlyList<string> Contexts =
        ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];

    public static AchievementCredential Build(string issuerUrl, string tenantName, AwardEntry award, RecognitionDocument recognition, LearnerProgress atAward)
    {
        var definition = recognition.Definition;
        var leaves = definition.Criteria.Leaves().ToList();
        var competencies = leaves.Where(l => l.CompetencyId is not null).Select(l => l.CompetencyId!.Value)
            .Concat(award.Awarded.Competencies).Distinct().ToList();

        var descriptions = new List<ResultDescription>();
        var results = new List<CredentialResult>();
        var alignments = new List<Alignment>();
        foreach (var competencyId in competencies)
        {
            if (atAward.Find(competencyId) is not { } found) continue;
            var (framework, progress) = found;
            var alignment = AlignmentOf(framework.Framework, progress.Competency);
            alignments.Add(alignment);
            var descriptionId = Urn(recognition.Id, competencyId);
            var required = leaves.OfType<MinLevelCriterion>().FirstOrDefault(l => l.Competency == competencyId)?.LevelCode
                ?? framework.Framework.Scale.LevelFor(framework.Framework.Scale.MasteryThreshold).Code;   // the level mastery starts in
            descriptions.Add(LevelsOf(progress.Competency, alignment, framework.Framework.Scale, required, level => Urn(recognition.Id, competencyId, level)));
            var level = progress.Result.Level;
            results.Add(new CredentialResult
            {
                ResultDescription = descriptionId,
                AchievedLevel = level is null ? null : Urn(recognition.Id, competencyId, level.Code),
                Value = level?.Code,
                Status = progress.Result.Mastered || framework.Framework.Scale.Reaches(level, required) ? "Completed" : "InProgress",
            });
        }

        var salt = award.Awarded.AwardId.ToString("N");
        return new AchievementCredential
        {
            Context = Contexts.ToList(),
            Id = $"urn:uuid:{award.Awarded.AwardId}",
            Type = ["VerifiableCredential", "OpenBadgeCredential"],
            Name = definition.Name,
            Description = definition.Description,
            Issuer = new IssuerProfile { Id = issuerUrl, Name = tenantName },
            ValidFrom = award.Awarded.AwardedAt,
            AwardedDate = award.Awarded.AwardedAt,
            CredentialSubject = new AchievementSubject
            {
                Identifier = [HashedLearner(award.Awarded.LearnerId, salt)],
                Achievement = new Achievement
                {
                    Id = $"urn:uuid:{recognition.Id}", AchievementType = AchievementType(definition.Kind), Name = definition.Name,
                    Description = definition.Description, HumanCode = definition.Code, CreditsAvailable = definition.CreditsAvailable,
                    Criteria = new Criteria { Narrative = Narrative(definition, atAward) },
                    Alignment = alignments, ResultDescription = descriptions,
                },
                CreditsEarned = definition.CreditsAvailable,
                Narrative = award.Awarded.Manual ? award.Awarded.Justification : null,
                Result = results,
            },
            Evidence = award.Awarded.EvidenceIds.Select(atAward.Record.Find).OfType<EvidenceEntry>().Select(e => new CredentialEvidence
            {
                Id = $"urn:uuid:{e.Recorded.EvidenceId}", Name = $"{e.Recorded.Modality} evidence from {e.Recorded.SourceSystem}",
                Genre = e.Recorded.Modality, Narrative = e.Recorded.Feedback?.Mastery,
            }).ToList() is { Count: > 0 } evidence ? evidence : null,
        };
    }

    /// <summary>
    /// How a competency's level is reported: its scale's levels as rubric levels and the level required, with ids from
    /// <paramref name="urn"/> (null: the description itself, else a level's code).
    /// </summary>
    public static ResultDescription LevelsOf(CompetencyDefinition competency, Alignment alignment, ProficiencyScale scale, string requiredLevel, Func<string?, string> urn) => new()
    {
        Id = urn(null), Name = $"Level reached in {competency.Code}", Alignment = [alignment],
        RubricCriterionLevel = scale.OrderedLevels.Select(l => new RubricCriterionLevel { Id = urn(l.Code), Name = l.Label, Level = l.Code, Description = l.Description }).ToList(),
        RequiredLevel = urn(requiredLevel),
    };

    /// <summary>The learner as a salted SHA-256 of the SIS sourcedId (no personal data leaves in clear).</summary>
    public static IdentityObject HashedLearner(string learnerId, string salt) => new()
    {
        Hashed = true, Salt = salt, IdentityHash = "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(learnerId + salt))),
    };

    /// <summary>The OB achievement type of a recognition kind (credit has no OB term: it is an extension term).</summary>
    public static string AchievementType(RecognitionKind kind) => kind switch
    {
        RecognitionKind.Credit => "ext:Credit",
        RecognitionKind.CourseCredit => "Course",
        RecognitionKind.Badge => "Badge",
        RecognitionKind.MicroCredential => "MicroCredential",
        RecognitionKind.Certificate => "Certificate",
        _ => "Achievement",
    };

    /// <summary>An alignment to a competency: its CASE item URI when imported from CASE, else its URN.</summary>
    public static Alignment AlignmentOf(FrameworkDefinition framework, CompetencyDefinition competency) => new()
    {
        TargetName = competency.Statement.Length > 200 ? competency.Statement[..200] : competency.Statement,
        TargetDescription = competency.Statement.Length > 200 ? competency.Statement : null,
        TargetCode = competency.Code,
        TargetFramework = framework.Title,
        TargetUrl = competency.CaseUri ?? $"urn:uuid:{competency.Id}",
        TargetType = competency.CaseUri is not null || competency.CaseIdentifier is not null ? "CFItem" : "ext:Competency",
    };

    /// <summary>The criteria tree in Markdown, naming competencies by code and statement.</summary>
    public static string Narrative(RecognitionDefinition definition, LearnerProgress context)
    {
        var text = new StringBuilder();
        if (!definition.CountPlaced) text.Append("Demonstrated, not placed: placements on a progression do not count.\n\n");
        Write(definition.Criteria, 0, text, context);
        return text.ToString().TrimEnd();
    }

    private static void Write(Criterion c, int depth, StringBuilder text, LearnerProgress context)
    {
        var indent = new string(' ', depth * 2);
        string Name(Guid id) => context.Find(id) is { } f ? $"{f.Competency.Competency.Code} ({f.Competency.Competency.Statement})" : $"{id}";
        switch (c)
        {
            case AllOfCriterion all:
                text.Append(indent).Append("- All of:\n");
                foreach (var child in all.Children) Write(child, depth + 1, text, context);
                break;
            case NOfCriterion some:
                text.Append(indent).Append($"- At least {some.N} of:\n");
                foreach (var child in some.Children) Write(child, depth + 1, text, context);
                break;
            case CompetencyMasteredCriterion mastered:
                text.Append(indent).Append($"- Mastery of {Name(mastered.Competency)}\n");
                break;
            case MinLevelCriterion min:
                text.Append(indent).Append($"- At least level {min.LevelCode} in {Name(min.Competency)}\n");
                break;
            case ProgressionStepCriterion step:
                text.Append(indent).Append($"- Step {step.Step} reached on the progression {step.ProgressionCode}\n");
                break;
        }
    }

    private static string Urn(Guid recognitionId, Guid competencyId, string? level = null) =>
        $"urn:uuid:{NameBased("result", $"{recognitionId}\n{competencyId}" + (level is null ? "" : $"\n{level}"))}";

    public static Guid NameBased(string kind, string name) => Infrastructure.NameBasedGuid.Create($"{kind}\n{name}");
}
