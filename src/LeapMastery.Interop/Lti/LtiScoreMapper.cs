using System.Text.Json;
using LeapMastery.Interop.Results;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;

namespace LeapMastery.Interop.Lti;

/// <summary>
/// LTI Advantage Assignment and Grade Services scores (application/vnd.ims.lis.v1.score+json) for a line item that an
/// assessment knows by its external id (system "lti"). Only FullyGraded scores count; others are held.
/// </summary>
public static class LtiScoreMapper
{
    public const string System = "lti";

    public static IngestItem Map(int index, JsonElement score, string lineItem, IResultTargets context)
    {
        var f = new JsonFields(score);
        var userId = f.String("userId", required: true);
        var given = f.Number("scoreGiven");
        var maximum = f.Number("scoreMaximum");
        var grading = f.String("gradingProgress", required: true);
        var timestamp = f.Instant("timestamp") ?? context.Now;
        var comment = f.String("comment");
        var assessment = context.AssessmentByExternalId(System, lineItem);
        if (assessment is null) f.Errors.Add(new("lineItem", $"No assessment has the external id lti '{lineItem}'. Add it to the assessment's externalIds."));
        if (f.Errors.Count > 0) return IngestItem.Rejected(index, userId, f.Errors);

        var sourceId = $"{lineItem}|{userId}";
        if (grading != "FullyGraded")
            return ResultItems.Held(context, index, userId!, System, sourceId, $"gradingProgress is {grading}: only FullyGraded scores count.");
        if (given is null || maximum is null)
            return IngestItem.Rejected(index, userId, given is null ? "scoreGiven" : "scoreMaximum", "A FullyGraded score needs scoreGiven and scoreMaximum.");
        if (maximum <= 0) return IngestItem.Rejected(index, userId, "scoreMaximum", "scoreMaximum must be greater than 0.");
        if (given < 0 || given > maximum) return IngestItem.Rejected(index, userId, "scoreGiven", "scoreGiven must lie within 0..scoreMaximum (never clamped).");

        return ResultItems.Evidence(context, index, userId!, new RecordEvidence(Guid.NewGuid(), userId!, System, sourceId, assessment!.Modality, timestamp,
            ResultItems.FromAssessment(assessment, given.Value / maximum.Value),
            comment is null ? null : new EvidenceFeedback(null, null, comment), null, context.Now, context.By), RepeatMeaning.LatestScore);
    }
}
