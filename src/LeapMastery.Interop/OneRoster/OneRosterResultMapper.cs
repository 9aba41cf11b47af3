using System.Text.Json;
using LeapMastery.Interop.Results;
using LeapMastery.Domain;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;

namespace LeapMastery.Interop.OneRoster;

/// <summary>
/// OneRoster 1.2 assessmentResult → evidence. Learning-objective results name competencies by CASE identifier (or URI);
/// each score is raw over the matching section's points when the line item is an assessment we know (external id system
/// "oneroster"), else points on the framework's scale. Without learning-objective results the overall score is read as a
/// fraction of the assessment's points. Only "fully graded" results count; others are held.
/// </summary>
public static class OneRosterResultMapper
{
    public const string System = "oneroster";

    public static IngestItem Map(int index, JsonElement result, IResultTargets context)
    {
        var f = new JsonFields(result);
        var sourcedId = f.String("sourcedId", required: true);
        var learner = f.String("student.sourcedId", required: true);
        var lineItem = f.String("assessmentLineItem.sourcedId");
        var status = f.String("scoreStatus", required: true);
        var score = f.Number("score");
        var occurredAt = f.Instant("scoreDate") ?? f.Instant("dateLastModified") ?? context.Now;
        var comment = f.String("comment");
        if (f.String("status") == "tobedeleted")
            f.Errors.Add(new("status", "Deleting results is not taken from OneRoster: retract the evidence (POST …/evidence/{evidenceId}/retractions) with a reason."));
        var assessment = lineItem is null ? null : context.AssessmentByExternalId(System, lineItem);
        if (f.Errors.Count > 0) return IngestItem.Rejected(index, learner, f.Errors);

        if (status != "fully graded")
            return ResultItems.Held(context, index, learner!, System, sourcedId!, $"scoreStatus is '{status}': only fully graded results count.");

        var alignments = new List<EvidenceAlignment>();
        var errors = new List<DomainError>();
        var objectives = LearningObjectiveResults(result).ToList();
        if (objectives.Count > 0)
        {
            for (var i = 0; i < objectives.Count; i++)
            {
                var (objectiveId, objectiveScore, field) = objectives[i];
                if (objectiveId is null || objectiveScore is null)
                {
                    errors.Add(new(field, "Each learningObjectiveResult needs learningObjectiveId and score."));
                    continue;
                }
                var (resolved, resolveErrors) = context.CompetencyByCaseIdentifier(objectiveId);
                if (resolved is not { } competency)
                {
                    errors.AddRange(resolveErrors.Select(e => new DomainError($"{field}.learningObjectiveId", e.Message)));
                    continue;
                }
                var section = assessment?.Sections.FirstOrDefault(s => s.CompetencyId == competency.CompetencyId);
                if (section is not null)
                {
                    if (objectiveScore < 0 || objectiveScore > section.MaxPoints)
                        errors.Add(new($"{field}.score", $"Must lie within 0..{section.MaxPoints} (the section's points)."));
                    else alignments.Add(competency with { Score = AlignmentScore.OfRaw(objectiveScore.Value, section.MaxPoints), CutScores = assessment!.CutScores });
                }
                else alignments.Add(competency with { Score = AlignmentScore.OfPoints(objectiveScore.Value) });
            }
        }
        else if (assessment is null)
            errors.Add(new("assessmentLineItem.sourcedId", lineItem is null
                ? "Without learningObjectiveSet, the line item must be an assessment we know (externalIds system oneroster)."
                : $"No assessment has the external id oneroster '{lineItem}'."));
        else if (score is null)
            errors.Add(new("score", "Required for a fully graded result."));
        else if (score < 0 || score > assessment.TotalPoints)
            errors.Add(new("score", $"Must lie within 0..{assessment.TotalPoints} (the assessment's points)."));
        else
            alignments.AddRange(ResultItems.FromAssessment(assessment, score.Value / assessment.TotalPoints));
        if (errors.Count > 0) return IngestItem.Rejected(index, learner, errors);

        return ResultItems.Evidence(context, index, learner!, new RecordEvidence(Guid.NewGuid(), learner!, System, sourcedId, assessment?.Modality ?? EvidenceModality.Assessment,
            occurredAt, alignments, comment is null ? null : new EvidenceFeedback(null, null, comment), null, context.Now, context.By), RepeatMeaning.LatestScore);
    }

    private static IEnumerable<(string? Id, decimal? Score, string Field)> LearningObjectiveResults(JsonElement result)
    {
        if (!result.TryGetProperty("learningObjectiveSet", out var sets) || sets.ValueKind != JsonValueKind.Array) yield break;
        var s = 0;
        foreach (var set in sets.EnumerateArray())
        {
            if (set.ValueKind == JsonValueKind.Object && set.TryGetProperty("learningObjectiveResults", out var results) && results.ValueKind == JsonValueKind.Array)
            {
                var r = 0;
                foreach (var lo in results.EnumerateArray())
                {
                    var f = new JsonFields(lo);
                    yield return (f.String("learningObjectiveId"), f.Number("score"), $"learningObjectiveSet[{s}].learningObjectiveResults[{r}]");
                    r++;
                }
            }
            s++;
        }
    }
}
