using System.Text.Json;
using LeapMastery.Domain;
using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using LeapMastery.Interop.Lti;
using LeapMastery.Interop.OneRoster;
using LeapMastery.Interop.Results;
using LeapMastery.Interop.Xapi;
using NodaTime;

namespace LeapMastery.Interop.Tests.Results;

/// <summary>LTI AGS scores, OneRoster results and xAPI statements become evidence, a held result or a rejection by field, without a database.</summary>
public sealed class StandardResultMapperTests
{
    private static readonly Guid Framework = Guid.NewGuid(), A = Guid.NewGuid(), B = Guid.NewGuid();

    private sealed class Targets : IResultTargets
    {
        public Instant Now { get; } = Instant.FromUtc(2026, 3, 10, 12, 0);
        public string By => "lms-client";

        public AssessmentDefinition? AssessmentByExternalId(string system, string id) => (system, id) switch
        {
            ("lti" or "oneroster" or "xapi", "quiz-1") => new AssessmentDefinition("quiz-1", "Fractions quiz", Framework, EvidenceModality.Assessment,
                [new AssessmentSection("a", null, A, 6), new AssessmentSection("b", null, B, 4)], [], null, false, [new ExternalId(system, id)]),
            _ => null,
        };

        public (Guid FrameworkId, Guid CompetencyId)? CompetencyByCaseUri(string uri) => uri == "https://case.example.org/uri/A" ? (Framework, A) : null;

        public (EvidenceAlignment? Alignment, IReadOnlyList<DomainError> Errors) CompetencyByCaseIdentifier(string identifier) =>
            identifier is "A" or "https://case.example.org/uri/A" ? (new EvidenceAlignment(Framework, A, AlignmentScore.OfPoints(0)), [])
            : identifier == "B" ? (new EvidenceAlignment(Framework, B, AlignmentScore.OfPoints(0)), [])
            : (null, [new DomainError("caseIdentifier", $"No competency has the CASE identifier '{identifier}'.")]);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void A_fully_graded_AGS_score_is_evidence_of_the_same_fraction_on_every_section_and_a_repeat_means_the_latest_score()
    {
        var item = LtiScoreMapper.Map(0, Json("""{"userId":"s-1","scoreGiven":7.5,"scoreMaximum":10,"gradingProgress":"FullyGraded","timestamp":"2026-03-01T10:00:00Z","comment":"Nice"}"""),
            "quiz-1", new Targets());
        item.Errors.Should().BeEmpty();
        item.Repeat.Should().Be(RepeatMeaning.LatestScore);
        item.Evidence!.SourceId.Should().Be("quiz-1|s-1");
        item.Evidence.Alignments.Select(a => (a.CompetencyId, a.Score)).Should().Equal((A, AlignmentScore.OfRaw(4.5m, 6)), (B, AlignmentScore.OfRaw(3m, 4)));
        item.Evidence.Feedback!.Mastery.Should().Be("Nice");
    }

    [Fact]
    public void An_AGS_score_not_fully_graded_is_held_and_a_bad_one_is_rejected_by_field()
    {
        var targets = new Targets();
        var held = LtiScoreMapper.Map(0, Json("""{"userId":"s-1","scoreGiven":3,"scoreMaximum":10,"gradingProgress":"Pending"}"""), "quiz-1", targets);
        held.Held!.Reason.Should().Contain("Pending");
        held.Evidence.Should().BeNull();

        LtiScoreMapper.Map(0, Json("""{"userId":"s-1","scoreGiven":11,"scoreMaximum":10,"gradingProgress":"FullyGraded"}"""), "quiz-1", targets)
            .Errors.Select(e => e.Field).Should().Equal("scoreGiven");
        LtiScoreMapper.Map(0, Json("""{"userId":"s-1","scoreGiven":1,"scoreMaximum":10,"gradingProgress":"FullyGraded"}"""), "nope", targets)
            .Errors.Select(e => e.Field).Should().Equal("lineItem");
        LtiScoreMapper.Map(0, Json("""{"userId":"has space","scoreGiven":1,"scoreMaximum":10,"gradingProgress":"FullyGraded"}"""), "quiz-1", targets)
            .Errors.Select(e => e.Field).Should().Equal("learnerId");
    }

    [Fact]
    public void A_OneRoster_result_with_learning_objectives_scores_each_competency_on_its_section()
    {
        var item = OneRosterResultMapper.Map(0, Json("""
            {"sourcedId":"r-1","student":{"sourcedId":"s-1"},"assessmentLineItem":{"sourcedId":"quiz-1"},"scoreStatus":"fully graded",
             "scoreDate":"2026-03-02","learningObjectiveSet":[{"learningObjectiveResults":[
               {"learningObjectiveId":"https://case.example.org/uri/A","score":5},{"learningObjectiveId":"B","score":2}]}]}
            """), new Targets());
        item.Errors.Should().BeEmpty();
        item.Evidence!.OccurredAt.Should().Be(Instant.FromUtc(2026, 3, 2, 0, 0), "a date is midnight UTC");
        item.Evidence.Alignments.Select(a => (a.CompetencyId, a.Score)).Should().Equal((A, AlignmentScore.OfRaw(5, 6)), (B, AlignmentScore.OfRaw(2, 4)));
    }

    [Fact]
    public void A_OneRoster_result_not_fully_graded_is_held_and_unknown_objectives_or_out_of_range_scores_are_named()
    {
        var targets = new Targets();
        OneRosterResultMapper.Map(0, Json("""{"sourcedId":"r-1","student":{"sourcedId":"s-1"},"scoreStatus":"partially graded"}"""), targets).Held.Should().NotBeNull();
        var rejected = OneRosterResultMapper.Map(0, Json("""
            {"sourcedId":"r-1","student":{"sourcedId":"s-1"},"assessmentLineItem":{"sourcedId":"quiz-1"},"scoreStatus":"fully graded",
             "learningObjectiveSet":[{"learningObjectiveResults":[{"learningObjectiveId":"Z","score":1},{"learningObjectiveId":"A","score":9}]}]}
            """), targets);
        rejected.Errors.Select(e => e.Field).Should().Equal(
            "learningObjectiveSet[0].learningObjectiveResults[0].learningObjectiveId", "learningObjectiveSet[0].learningObjectiveResults[1].score");
    }

    [Fact]
    public void An_xAPI_statement_is_evidence_by_its_scaled_or_raw_score_and_names_the_learner_by_account_only()
    {
        var targets = new Targets();
        var scaled = XapiStatementMapper.Map(0, Json("""
            {"id":"st-1","actor":{"account":{"homePage":"https://sis.example.org","name":"s-1"}},"object":{"id":"https://case.example.org/uri/A"},
             "result":{"score":{"scaled":0.75}},"timestamp":"2026-03-03T09:00:00+01:00"}
            """), targets);
        scaled.Errors.Should().BeEmpty();
        scaled.Repeat.Should().Be(RepeatMeaning.Retry);
        scaled.Evidence!.Alignments.Single().Score.Should().Be(AlignmentScore.OfRaw(0.75m, 1));
        scaled.Evidence.OccurredAt.Should().Be(Instant.FromUtc(2026, 3, 3, 8, 0));

        XapiStatementMapper.Map(0, Json("""{"id":"st-2","actor":{"account":{"name":"s-1"}},"object":{"id":"quiz-1"},"result":{"score":{"raw":5,"min":0,"max":10}}}"""), targets)
            .Evidence!.Alignments.Select(a => a.Score).Should().Equal(AlignmentScore.OfRaw(3, 6), AlignmentScore.OfRaw(2, 4));
        XapiStatementMapper.Map(0, Json("""{"id":"st-3","actor":{"mbox":"mailto:someone@example.org"},"object":{"id":"quiz-1"},"result":{"score":{"scaled":1}}}"""), targets)
            .Errors.Select(e => e.Field).Should().Equal("actor.account");
        XapiStatementMapper.Map(0, Json("""{"id":"st-4","actor":{"account":{"name":"s-1"}},"object":{"id":"quiz-1"},"result":{"score":{"scaled":1.5}}}"""), targets)
            .Errors.Select(e => e.Field).Should().Equal("result.score.scaled");
        XapiStatementMapper.Map(0, Json("""{"id":"st-5","actor":{"account":{"name":"s-1"}},"object":{"id":"quiz-1"},"result":{"score":{"scaled":1}},"timestamp":"2027-01-01T00:00:00Z"}"""), targets)
            .Errors.Select(e => e.Field).Should().Equal("occurredAt");
    }
}
