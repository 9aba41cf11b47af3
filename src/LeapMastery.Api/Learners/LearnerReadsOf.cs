using LeapMastery.Api.Features.Recognitions;
using LeapMastery.Domain.Assessments;

namespace LeapMastery.Api.Learners;

/// <summary>The reads of writes that find what they touch through the learner's summary or the framework in force.</summary>
public static class LearnerReadsOf
{
    /// <summary>An attempt's evidence (scoring again corrects it, voiding retracts it, feedback on the attempt is about it).</summary>
    public static LearnerReadsFor AttemptEvidence(Guid attemptId, IEnumerable<Guid>? competencies = null) => (summary, _) => new LearnerReads
    {
        Evidence = summary.FindAttempt(attemptId)?.Scored?.EvidenceId is { } id ? [id] : [],
        Competencies = competencies?.ToList() ?? [],
    };

    /// <summary>The prerequisites of what an assessment assesses (its prerequisite gate looks at them).</summary>
    public static LearnerReads Prerequisites(AssessmentDefinition assessment, LearnerConsequenceService.Context context)
    {
        if (!assessment.RequirePrerequisites || context.Frameworks.FirstOrDefault(f => f.FrameworkId == assessment.FrameworkId) is not { } framework)
            return LearnerReads.None;
        var assessed = assessment.Sections.Select(s => framework.Definition.Find(s.CompetencyId)?.Code).OfType<string>().ToHashSet();
        return new LearnerReads
        {
            Competencies = framework.Definition.Prerequisites.Where(p => assessed.Contains(p.CompetencyCode))
                .Select(p => framework.Definition.FindByCode(p.RequiresCode)?.Id).OfType<Guid>().ToList(),
        };
    }
}
