using System.Globalization;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using NodaTime;

namespace LeapMastery.Api.Features.Progress.Explanation;

public sealed class ExplainedEvidence
{
    public Guid EvidenceId { get; set; }
    public Instant OccurredAt { get; set; }
    public string Modality { get; set; } = "";
    /// <summary>The evidence's score on the framework's scale.</summary>
    public decimal Score { get; set; }
    /// <summary>For excluded evidence: retracted, selfAssessmentNotCounted, pendingValidation or validationRejected.</summary>
    public string? Reason { get; set; }
    public string? Explanation { get; set; }
    /// <summary>The feedback recorded with the evidence (LD.2).</summary>
    public FeedbackContract? Feedback { get; set; }
    /// <summary>Feedback given later on this evidence or on the attempt it came from, by educators, peers or the learner.</summary>
    public List<Feedback.Give.FeedbackResponse> LaterFeedback { get; set; } = [];
    /// <summary>The learner's reflections on this evidence (LL.4), oldest first; they never count as scores.</summary>
    public List<Reflections.Add.ReflectionResponse> Reflections { get; set; } = [];
}

public sealed class RuleResponse
{
    /// <summary>score (the rounded score reaches the threshold), minEvidence or minModalities.</summary>
    public string Name { get; set; } = "";
    public decimal Required { get; set; }
    public decimal? Actual { get; set; }
    public bool Met { get; set; }
}

/// <summary>Why a learner stands where they do on a competency (MASTERY §7): readable by a learner, exact enough for an auditor.</summary>
public sealed class ExplanationResponse
{
    public string LearnerId { get; set; } = "";
    public Instant AsOf { get; set; }
    public CompetencyStateResponse State { get; set; } = new();
    public string Statement { get; set; } = "";
    /// <summary>One or two sentences for the learner.</summary>
    public string Summary { get; set; } = "";
    public string Method { get; set; } = "";
    public Dictionary<string, decimal> Parameters { get; set; } = [];
    public decimal MasteryThreshold { get; set; }
    /// <summary>The unrounded result of the method, before rounding to two decimals.</summary>
    public decimal? RawScore { get; set; }
    /// <summary>The counted evidence, in the order the method reads it (when the learning happened).</summary>
    public List<ExplainedEvidence> Counted { get; set; } = [];
    public List<ExplainedEvidence> Excluded { get; set; } = [];
    /// <summary>The method's intermediate values.</summary>
    public List<string> Steps { get; set; } = [];
    public List<RuleResponse> Rules { get; set; } = [];

    public static ExplanationResponse From(LearnerProgress progress, FrameworkProgress framework, CompetencyProgress c)
    {
        var r = c.Result;
        var entries = progress.Record.Evidence.ToDictionary(e => e.Recorded.EvidenceId);
        var trail = new FeedbackTrail(progress.Record);
        List<Feedback.Give.FeedbackResponse> LaterOf(Guid id) =>
            trail.On([id]).Where(n => n.Later is not null).Select(n => Feedback.Give.FeedbackResponse.From(n.Later!)).ToList();
        var reflections = progress.Record.AllReflections.ToLookup(x => x.EvidenceId);
        List<Reflections.Add.ReflectionResponse> ReflectionsOf(Guid id) => reflections[id].Select(Reflections.Add.ReflectionResponse.From).ToList();
        FeedbackContract? FeedbackOf(Guid id) =>
            entries.TryGetValue(id, out var e) && e.Recorded.Feedback is { } f ? new FeedbackContract { Effort = f.Effort, Process = f.Process, Mastery = f.Mastery } : null;
        return new ExplanationResponse
        {
            LearnerId = progress.LearnerId,
            AsOf = progress.AsOf,
            State = LearnerProgressResponse.State(framework, c, trail),
            Statement = c.Competency.Statement,
            Summary = Summarize(c),
            Method = CalculationMethods.ToWireName(r.Method),
            Parameters = new Dictionary<string, decimal>(r.Parameters),
            MasteryThreshold = r.MasteryThreshold,
            RawScore = r.RawScore,
            Counted = r.Counted.Select(o => new ExplainedEvidence
            {
                EvidenceId = o.EvidenceId, OccurredAt = o.OccurredAt, Modality = o.Modality, Score = o.Score, Feedback = FeedbackOf(o.EvidenceId), LaterFeedback = LaterOf(o.EvidenceId),
                Reflections = ReflectionsOf(o.EvidenceId),
            }).ToList(),
            Excluded = r.Excluded.Select(x => new ExplainedEvidence
            {
                EvidenceId = x.Observation.EvidenceId, OccurredAt = x.Observation.OccurredAt, Modality = x.Observation.Modality, Score = x.Observation.Score,
                Reason = ExclusionReasons.ToWireName(x.Reason), Explanation = x.Explanation, Feedback = FeedbackOf(x.Observation.EvidenceId), LaterFeedback = LaterOf(x.Observation.EvidenceId),
                Reflections = ReflectionsOf(x.Observation.EvidenceId),
            }).ToList(),
            Steps = r.Steps.ToList(),
            Rules = r.MasteryRules.Select(m => new RuleResponse { Name = m.Name, Required = m.Required, Actual = m.Actual, Met = m.Met }).ToList(),
        };
    }

    private static string Summarize(CompetencyProgress c)
    {
        var r = c.Result;
        var placed = c.Placed ? " A placement also counts this step as done on your progression, but placement is not demonstrated mastery." : "";
        if (r.Score is not { } score)
            return $"Not yet assessed: no evidence counts toward this competency yet.{ExcludedNote(r)}{placed}";
        var level = r.Level is null ? "" : $" ({r.Level.Label})";
        var how = $"{Describe(r.Method)} of {r.CountedCount} piece{(r.CountedCount == 1 ? "" : "s")} of evidence in {r.Modalities.Count} way{(r.Modalities.Count == 1 ? "" : "s")}";
        if (r.Mastered)
            return $"Mastered: your score is {Show(score)}{level}, the {how}, and reaches the mastery threshold of {Show(r.MasteryThreshold)}.{ExcludedNote(r)}{placed}";
        var unmet = r.MasteryRules.Where(m => !m.Met).Select(m => m.Name switch
        {
            MasteryRule.Score => $"the score must reach {Show(r.MasteryThreshold)}",
            MasteryRule.MinEvidence => $"at least {Show(m.Required)} pieces of evidence must count (you have {Show(m.Actual ?? 0)})",
            _ => $"evidence must come in at least {Show(m.Required)} different ways (you have {Show(m.Actual ?? 0)})",
        });
        return $"In progress: your score is {Show(score)}{level}, the {how}. Not yet mastered: {string.Join("; ", unmet)}.{ExcludedNote(r)}{placed}";
    }

    private static string ExcludedNote(MasteryResult r) =>
        r.Excluded.Count == 0 ? "" : $" {r.Excluded.Count} piece{(r.Excluded.Count == 1 ? " is" : "s are")} shown but not counted (see excluded).";

    private static string Describe(CalculationMethod m) => m switch
    {
        CalculationMethod.Highest => "highest score",
        CalculationMethod.MostRecent => "most recent score",
        CalculationMethod.Average => "average",
        CalculationMethod.RecentAverage => "average of the most recent scores",
        CalculationMethod.WeightedAverage => "weighted average (the latest score weighs most)",
        CalculationMethod.DecayingAverage => "decaying average (recent scores weigh more)",
        CalculationMethod.NTimes => "result of showing mastery n times",
        CalculationMethod.Mode => "most frequent score",
        CalculationMethod.RecentMedian => "median of the most recent scores",
        _ => "power-law trend",
    };

    private static string Show(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
