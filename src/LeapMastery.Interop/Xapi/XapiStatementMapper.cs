using System.Text.Json;
using LeapMastery.Interop.Results;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;

namespace LeapMastery.Interop.Xapi;

/// <summary>
/// xAPI statements with result.score → evidence. The learner is actor.account.name (the SIS sourcedId); the activity
/// (object.id) is an assessment we know by external id (system "xapi") or a competency's CASE URI. The score is
/// result.score.scaled (0..1) or raw within min..max. Statement ids make retries idempotent.
/// </summary>
public static class XapiStatementMapper
{
    public const string System = "xapi";

    public static IngestItem Map(int index, JsonElement statement, IResultTargets context)
    {
        var f = new JsonFields(statement);
        var id = f.String("id", required: true);
        var learner = f.String("actor.account.name");
        if (learner is null && f.Get("actor.account") is null)
            f.Errors.Add(new("actor.account", "Learners are identified by actor.account.name (their SIS sourcedId); mbox and other identifiers are not accepted, to keep personal data out."));
        var activity = f.String("object.id", required: true);
        var occurredAt = f.Instant("timestamp") ?? context.Now;
        var scaled = f.Number("result.score.scaled");
        var raw = f.Number("result.score.raw");
        var min = f.Number("result.score.min") ?? 0;
        var max = f.Number("result.score.max");
        if (f.Errors.Count > 0) return IngestItem.Rejected(index, learner, f.Errors);

        decimal fraction;
        if (scaled is { } s)
        {
            if (s < 0 || s > 1) return IngestItem.Rejected(index, learner, "result.score.scaled", "Must lie within 0..1 for mastery (negative scaled scores are not accepted).");
            fraction = s;
        }
        else if (raw is { } r && max is { } m)
        {
            if (m <= min) return IngestItem.Rejected(index, learner, "result.score.max", "max must be greater than min.");
            if (r < min || r > m) return IngestItem.Rejected(index, learner, "result.score.raw", "raw must lie within min..max (never clamped).");
            fraction = (r - min) / (m - min);
        }
        else return IngestItem.Rejected(index, learner, "result.score", "Give result.score.scaled, or raw with max (and min).");

        IReadOnlyList<EvidenceAlignment> alignments;
        string modality = EvidenceModality.Assessment;
        if (context.AssessmentByExternalId(System, activity!) is { } assessment)
        {
            alignments = ResultItems.FromAssessment(assessment, fraction);
            modality = assessment.Modality;
        }
        else if (context.CompetencyByCaseUri(activity!) is { } competency)
            alignments = [new EvidenceAlignment(competency.FrameworkId, competency.CompetencyId, AlignmentScore.OfRaw(fraction, 1))];
        else
            return IngestItem.Rejected(index, learner, "object.id", $"Activity '{activity}' is neither an assessment's external id (system xapi) nor a competency's CASE URI.");

        return ResultItems.Evidence(context, index, learner!, new RecordEvidence(Guid.NewGuid(), learner!, System, id, modality, occurredAt, alignments, null, null,
            context.Now, context.By), RepeatMeaning.Retry);
    }
}
