using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Features.Recognitions;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Progress;
using NodaTime;

namespace LeapMastery.Api.Features.ReportCards;

public sealed class ReportCardCompetency
{
    public Guid CompetencyId { get; set; }
    public string Code { get; set; } = "";
    public string Statement { get; set; } = "";
    /// <summary>mastered, inProgress, lapsed (mastery not renewed within the policy's masteryValidForDays), placed (covered by a placement, no level yet) or notYetAssessed (the domain's CompetencyStanding).</summary>
    public CompetencyStanding Status { get; set; }
    public LevelResponse? Level { get; set; }
    public decimal? Score { get; set; }
    public bool Mastered { get; set; }
    public bool Placed { get; set; }
    /// <summary>Counted evidence that happened within the period.</summary>
    public int EvidenceInPeriod { get; set; }
    /// <summary>The newest feedback on mastery on the counted evidence given within the period, if any (LD.2; FeedbackTrail.LatestOnMasteryWithin).</summary>
    public string? FeedbackHighlight { get; set; }
}

public sealed class ReportCardProgression
{
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public PositionResponse? Position { get; set; }
    public int StepsMastered { get; set; }
    public int StepsPlaced { get; set; }
    public int TotalSteps { get; set; }
    public decimal Percent { get; set; }
}

/// <summary>The framework's grade from the learner's levels, by the framework's grading scheme (docs/report-cards.md, "Grades from mastery").</summary>
public sealed class ReportCardGrade
{
    /// <summary>The grade, or null when not graded (no competency has a level yet, or no band's rule is met).</summary>
    public string? Grade { get; set; }
    /// <summary>The rounded mean of the graded competencies' level ranks (1 = the scale's lowest level).</summary>
    public decimal? Mean { get; set; }
    public int CompetenciesGraded { get; set; }
    public LevelResponse? LowestLevel { get; set; }
    /// <summary>How the grade came out, step by step.</summary>
    public List<string> Explanation { get; set; } = [];
}

public sealed class ReportCardFramework
{
    public Guid FrameworkId { get; set; }
    public int FrameworkVersion { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public List<ReportCardCompetency> Competencies { get; set; } = [];
    public List<ReportCardProgression> Progressions { get; set; } = [];
    /// <summary>The grade, when the framework has a grading scheme.</summary>
    public ReportCardGrade? Grade { get; set; }
}

public sealed class ReportCardRecognition
{
    public Guid AwardId { get; set; }
    public Guid RecognitionId { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public Instant AwardedAt { get; set; }
    /// <summary>Earned within this period (else earlier).</summary>
    public bool InPeriod { get; set; }
}

/// <summary>
/// A proficiency-based report card: where the learner stood at the end of the period, in the tenant's time zone. It
/// holds nothing that depends on when it is read, so a closed period's card is the same, byte for byte, forever.
/// </summary>
public sealed class ReportCardResponse
{
    public string LearnerId { get; set; } = "";
    public Guid PeriodId { get; set; }
    public string PeriodCode { get; set; } = "";
    public LocalDate StartDate { get; set; }
    public LocalDate EndDate { get; set; }
    /// <summary>The instant the card describes: the last moment of the end date in the tenant's time zone.</summary>
    public Instant AsOf { get; set; }
    public List<ReportCardFramework> Frameworks { get; set; } = [];
    /// <summary>Recognitions held at the end of the period.</summary>
    public List<ReportCardRecognition> Recognitions { get; set; } = [];
}

public static class ReportCards
{
    /// <summary>
    /// The card for a learner, from their record as of the period's end and the frameworks in force then. A policy's recency
    /// window and validity period (docs/mastery.md §10) are measured back from the period's end, or from <paramref name="now"/>
    /// while the period is still open (nothing after now is recorded yet, and a lapse to come has not happened).
    /// </summary>
    public static ReportCardResponse Build(string learnerId, LearnerRecord fullRecord, ReportingPeriod period, DateTimeZone zone,
        IReadOnlyList<Frameworks.FrameworkDocument> frameworksThen, IReadOnlyDictionary<Guid, RecognitionDocument> recognitions, Instant now)
    {
        var start = PeriodClock.Start(period, zone);
        var end = PeriodClock.End(period, zone);
        var asOf = end - Duration.Epsilon;
        var moment = asOf < now ? asOf : now;
        var record = fullRecord.AsOf(asOf);
        bool InPeriod(Instant at) => at >= start && at < end;
        var feedback = new FeedbackTrail(record);

        var card = new ReportCardResponse
        {
            LearnerId = learnerId, PeriodId = period.Id, PeriodCode = period.Code, StartDate = period.StartDate, EndDate = period.EndDate, AsOf = asOf,
        };
        foreach (var f in frameworksThen)
        {
            var progress = ProgressCalculator.ForFramework(record, f.Id, f.Version, f.Definition, moment);
            card.Frameworks.Add(new ReportCardFramework
            {
                FrameworkId = f.Id, FrameworkVersion = f.Version, Code = f.Definition.Code, Title = f.Definition.Title,
                Competencies = progress.Competencies.Select(c => new ReportCardCompetency
                {
                    CompetencyId = c.Competency.Id,
                    Code = c.Competency.Code,
                    Statement = c.Competency.Statement,
                    Status = c.Standing,
                    Level = LevelResponse.Of(c.Result.Level),
                    Score = c.Result.Score,
                    Mastered = c.Result.Mastered,
                    Placed = c.Placed,
                    EvidenceInPeriod = c.Result.Counted.Count(o => InPeriod(o.OccurredAt)),
                    FeedbackHighlight = feedback.LatestOnMasteryWithin(c.Result.Counted.Select(o => o.EvidenceId), start, end)?.Feedback.Mastery,
                }).ToList(),
                Progressions = progress.Progressions.Select(p => new ReportCardProgression
                {
                    Code = p.Progression.Code, Title = p.Progression.Title,
                    Position = PositionResponse.From(p.CurrentStep),
                    StepsMastered = p.Position.StepsMastered, StepsPlaced = p.Position.StepsPlaced, TotalSteps = p.Position.Total, Percent = p.Position.Percent,
                }).ToList(),
                Grade = f.Definition.Grading?.Grade(progress) is { } g
                    ? new ReportCardGrade
                    {
                        Grade = g.Grade, Mean = g.Mean, CompetenciesGraded = g.CompetenciesGraded,
                        LowestLevel = LevelResponse.Of(g.LowestLevel), Explanation = g.Steps.ToList(),
                    }
                    : null,
            });
        }
        card.Recognitions = record.AllAwards.Where(a => a.IsActive).Select(a => new ReportCardRecognition
        {
            AwardId = a.Awarded.AwardId, RecognitionId = a.Awarded.RecognitionId,
            Code = recognitions.GetValueOrDefault(a.Awarded.RecognitionId)?.Definition.Code, Name = recognitions.GetValueOrDefault(a.Awarded.RecognitionId)?.Definition.Name,
            AwardedAt = a.Awarded.AwardedAt, InPeriod = InPeriod(a.Awarded.AwardedAt),
        }).ToList();
        return card;
    }
}
