using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using NodaTime;

namespace LeapMastery.Api.Features.Progress;

public sealed class LevelResponse
{
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";

    public static LevelResponse? Of(ProficiencyLevel? level) => level is null ? null : new LevelResponse { Code = level.Code, Label = level.Label };
}

public sealed class CompetencyStateResponse
{
    public Guid CompetencyId { get; set; }
    public Guid FrameworkId { get; set; }
    public string Code { get; set; } = "";
    /// <summary>notYetAssessed, inProgress, mastered, or lapsed (mastery shown but not renewed within the policy's masteryValidForDays).</summary>
    public MasteryStatus Status { get; set; }
    /// <summary>The score under the policy, rounded to two decimals; null when not yet assessed.</summary>
    public decimal? Score { get; set; }
    public LevelResponse? Level { get; set; }
    public bool Mastered { get; set; }
    /// <summary>A placement covers this competency: done for position and next steps, never demonstrated.</summary>
    public bool Placed { get; set; }
    /// <summary>Counted evidence (retracted and excluded evidence is not counted).</summary>
    public int EvidenceCount { get; set; }
    public List<string> Modalities { get; set; } = [];
    public Instant? LastEvidenceAt { get; set; }
    /// <summary>
    /// Under a policy with masteryValidForDays: when mastery lapses without newer evidence (status mastered), or lapsed (status
    /// lapsed); null otherwise.
    /// </summary>
    public Instant? LapsesAt { get; set; }
    public PolicyContract Policy { get; set; } = new();
    public int FrameworkVersion { get; set; }
    /// <summary>The most recent feedback on effort, process or mastery about this competency's evidence (LD.2); the explanation has all of it.</summary>
    public LatestFeedbackResponse? LatestFeedback { get; set; }
    /// <summary>What it takes to reach mastery; absent when mastered, in the progress list for a competency without counted evidence (see its state, explanation or the next steps), and in states stored by releases before it until the competency's next write or recomputation.</summary>
    public WhatItTakesResponse? WhatItTakes { get; set; }
}

/// <summary>
/// What it takes to reach mastery under the policy in force (LD.3), for a competency not yet mastered: the next piece of
/// evidence is taken to count, to be the newest, and (while the policy needs more modalities) to come in a modality not
/// used yet (docs/mastery.md, "What it takes").
/// </summary>
public sealed class WhatItTakesResponse
{
    /// <summary><c>nextEvidence</c>: one more piece can do it (see points, level, rawFraction); <c>moreEvidence</c>: one cannot, <c>moreAtTopScore</c> more at the top score can; <c>cannotBeReached</c>: not even 100 more at the top score do.</summary>
    public MasteryReach Reach { get; set; }
    /// <summary>The lowest score on the scale, to 2 decimals, that the next piece of evidence needs.</summary>
    public decimal? Points { get; set; }
    /// <summary>The lowest level that, given as the next evidence, reaches mastery.</summary>
    public LevelResponse? Level { get; set; }
    /// <summary>The lowest raw fraction (raw ÷ max, mapped linearly on the scale; an assessment's own cut scores may differ) that does it.</summary>
    public decimal? RawFraction { get; set; }
    /// <summary>With <c>moreEvidence</c>: how many more pieces at the scale's top score it takes.</summary>
    public int? MoreAtTopScore { get; set; }
    /// <summary>How many of those pieces must come in a modality not used yet (the policy's minimum modalities).</summary>
    public int NewModalities { get; set; }
    /// <summary>True when a higher score than <c>points</c> would fall short (only under mode).</summary>
    public bool HigherCanFail { get; set; }
    /// <summary>The answer in a sentence, for a learner or a teacher.</summary>
    public string Explanation { get; set; } = "";

    public static WhatItTakesResponse? From(FrameworkProgress p, CompetencyProgress c) =>
        WhatItTakes.For(c.Result, p.Framework.Scale, c.Policy) is { } w
            ? new WhatItTakesResponse
            {
                Reach = w.Reach, Points = w.Points, Level = LevelResponse.Of(w.Level),
                RawFraction = w.Fraction, MoreAtTopScore = w.MoreAtTopScore, NewModalities = w.NewModalities, HigherCanFail = w.HigherCanFail,
                Explanation = w.Explanation,
            }
            : null;
}

public sealed class LatestFeedbackResponse
{
    public Guid EvidenceId { get; set; }
    /// <summary>educator, peer, learner, or source (given with the evidence).</summary>
    public string AuthorKind { get; set; } = "";
    public string? Effort { get; set; }
    public string? Process { get; set; }
    public string? Mastery { get; set; }
    public Instant GivenAt { get; set; }
}

public sealed class PositionResponse
{
    /// <summary>1-based number of the step being worked on.</summary>
    public int Step { get; set; }
    public Guid CompetencyId { get; set; }
    public string Code { get; set; } = "";

    public static PositionResponse? From(ProgressionStep? step) =>
        step is null ? null : new PositionResponse { Step = step.Number, CompetencyId = step.CompetencyId, Code = step.Code };
}

public sealed class ProgressionStateResponse
{
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The first step neither mastered nor placed; null when the progression is complete.</summary>
    public PositionResponse? Position { get; set; }
    public int StepsMastered { get; set; }
    public int StepsPlaced { get; set; }
    public int StepsDone { get; set; }
    public int TotalSteps { get; set; }
    public decimal Percent { get; set; }
}

public sealed class FrameworkProgressResponse
{
    public Guid FrameworkId { get; set; }
    public int FrameworkVersion { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public List<CompetencyStateResponse> Competencies { get; set; } = [];
    public List<ProgressionStateResponse> Progressions { get; set; } = [];
    /// <summary>The learner's goals in force on this framework (LL.2), each with its status as of the answer.</summary>
    public List<Goals.GoalResponse> Goals { get; set; } = [];
}

public sealed class LearnerProgressResponse
{
    public string LearnerId { get; set; } = "";
    /// <summary>The instant the answer describes (now, or the asOf asked for).</summary>
    public Instant AsOf { get; set; }
    public List<FrameworkProgressResponse> Frameworks { get; set; } = [];

    /// <summary>
    /// A competency's state; with <paramref name="feedback"/> (the learner's feedback trail), its latest feedback too. Without
    /// <paramref name="whatItTakesUnassessed"/>, a competency with no counted evidence carries no <c>whatItTakes</c> (the
    /// progress list: most competencies are not assessed, and the same answer on each of them would double the list).
    /// </summary>
    public static CompetencyStateResponse State(FrameworkProgress p, CompetencyProgress c, Domain.Evidence.FeedbackTrail? feedback = null, bool whatItTakesUnassessed = true) => new()
    {
        LatestFeedback = feedback is null ? null : LatestFeedback(feedback, c),
        CompetencyId = c.Competency.Id,
        FrameworkId = p.FrameworkId,
        Code = c.Competency.Code,
        Status = c.Result.Status,
        Score = c.Result.Score,
        Level = LevelResponse.Of(c.Result.Level),
        Mastered = c.Result.Mastered,
        Placed = c.Placed,
        EvidenceCount = c.Result.CountedCount,
        Modalities = c.Result.Modalities.ToList(),
        LastEvidenceAt = c.LastEvidenceAt,
        LapsesAt = c.Result.LapsesAt,
        Policy = FrameworkMapping.ToContract(c.Policy),
        FrameworkVersion = p.FrameworkVersion,
        WhatItTakes = whatItTakesUnassessed || c.Result.CountedCount > 0 ? WhatItTakesResponse.From(p, c) : null,
    };

    /// <summary>The newest feedback on the competency's counted and excluded evidence (FeedbackTrail.Latest): given with it, or later.</summary>
    public static LatestFeedbackResponse? LatestFeedback(Domain.Evidence.FeedbackTrail feedback, CompetencyProgress c) =>
        feedback.Latest(c.Result.Counted.Select(o => o.EvidenceId).Concat(c.Result.Excluded.Select(x => x.Observation.EvidenceId)))
            is { } note
            ? new LatestFeedbackResponse
            {
                EvidenceId = note.EvidenceId, AuthorKind = note.Author.Kind, Effort = note.Feedback.Effort, Process = note.Feedback.Process,
                Mastery = note.Feedback.Mastery, GivenAt = note.GivenAt,
            }
            : null;

    public static FrameworkProgressResponse From(FrameworkProgress p, Domain.Evidence.LearnerRecord? record = null)
    {
        var feedback = record is null ? null : new Domain.Evidence.FeedbackTrail(record);
        return new()
        {
            FrameworkId = p.FrameworkId,
            FrameworkVersion = p.FrameworkVersion,
            Code = p.Framework.Code,
            Title = p.Framework.Title,
            Competencies = p.Competencies.Select(c => State(p, c, feedback, whatItTakesUnassessed: false)).ToList(),
            Progressions = Progressions(p),
        };
    }

    /// <summary>
    /// A framework's progress from the stored competency states: <paramref name="placedOnly"/> is the progress of the learner's
    /// placements alone (what is placed, and the state of a competency never assessed); the stored states give the rest.
    /// </summary>
    public static FrameworkProgressResponse FromStored(FrameworkProgress placedOnly, IReadOnlyDictionary<Guid, CompetencyStateResponse> stored)
    {
        var competencies = placedOnly.Competencies.Select(c =>
        {
            var state = stored.TryGetValue(c.Competency.Id, out var s) ? s : State(placedOnly, c, whatItTakesUnassessed: false);
            state.Placed = c.Placed;
            // As From: in the list, a competency whose evidence has all gone elsewhere (a correction) says no whatItTakes either.
            if (state.EvidenceCount == 0) state.WhatItTakes = null;
            return state;
        }).ToList();
        var mastered = competencies.Where(c => c.Mastered).Select(c => c.CompetencyId).ToHashSet();
        var placed = competencies.Where(c => c.Placed).Select(c => c.CompetencyId).ToHashSet();
        var ids = placedOnly.Framework.Competencies.ToDictionary(c => c.Code, c => c.Id);
        var progressions = placedOnly.Progressions.Select(g => g with
        {
            Position = Domain.Progressions.ProgressionPosition.Compute(g.Progression.Steps.Select(code => ids[code]).ToList(), mastered.Contains, placed.Contains),
        }).ToList();
        return new FrameworkProgressResponse
        {
            FrameworkId = placedOnly.FrameworkId,
            FrameworkVersion = placedOnly.FrameworkVersion,
            Code = placedOnly.Framework.Code,
            Title = placedOnly.Framework.Title,
            Competencies = competencies,
            Progressions = Progressions(placedOnly with { Progressions = progressions }),
        };
    }

    private static List<ProgressionStateResponse> Progressions(FrameworkProgress p) =>
        p.Progressions.Select(g => new ProgressionStateResponse
        {
            Code = g.Progression.Code,
            Title = g.Progression.Title,
            Position = PositionResponse.From(g.CurrentStep),
            StepsMastered = g.Position.StepsMastered,
            StepsPlaced = g.Position.StepsPlaced,
            StepsDone = g.Position.StepsDone,
            TotalSteps = g.Position.Total,
            Percent = g.Position.Percent,
        }).ToList();
}
