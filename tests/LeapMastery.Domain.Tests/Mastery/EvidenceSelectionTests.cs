using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Domain.Tests.Mastery;

public class EvidenceSelectionTests
{
    private static readonly CalculationPolicy Policy = CalculationPolicy.Default;

    [Fact]
    public void Active_evidence_counts()
    {
        var evidence = Evidence.On(1, 3m);

        var selection = EvidenceSelection.Select([evidence], Policy);

        selection.Counted.Should().Equal(evidence);
        selection.Excluded.Should().BeEmpty();
    }

    [Theory]
    [InlineData(ObservationStatus.Retracted, ExclusionReason.Retracted, "retracted")]
    [InlineData(ObservationStatus.PendingValidation, ExclusionReason.PendingValidation, "pendingValidation")]
    [InlineData(ObservationStatus.Rejected, ExclusionReason.ValidationRejected, "validationRejected")]
    public void Evidence_that_is_retracted_pending_or_rejected_is_shown_but_not_counted(
        ObservationStatus status, ExclusionReason reason, string wireName)
    {
        var kept = Evidence.On(1, 2m);
        var dropped = Evidence.On(2, 4m, status: status);

        var selection = EvidenceSelection.Select([kept, dropped], Policy);

        selection.Counted.Should().Equal(kept);
        var excluded = selection.Excluded.Should().ContainSingle().Subject;
        excluded.Observation.Should().Be(dropped);
        excluded.Reason.Should().Be(reason);
        excluded.Explanation.Should().NotBeNullOrWhiteSpace();
        ExclusionReasons.ToWireName(excluded.Reason).Should().Be(wireName);
    }

    [Fact]
    public void Retracted_evidence_no_longer_counts()
    {
        var observations = new[] { Evidence.On(1, 1m), Evidence.On(2, 4m, status: ObservationStatus.Retracted) };

        MasteryCalculator.Calculate(observations, Scales.FourPoint, CalculationPolicy.For(CalculationMethod.Highest))
            .Score.Should().Be(1m);
    }

    [Fact]
    public void Self_assessment_is_shown_but_not_counted_by_default()
    {
        var self = Evidence.On(1, 4m, EvidenceModality.SelfAssessment);

        var selection = EvidenceSelection.Select([self], Policy);

        selection.Counted.Should().BeEmpty();
        selection.Excluded.Should().ContainSingle().Which.Reason.Should().Be(ExclusionReason.SelfAssessmentNotCounted);
        ExclusionReasons.ToWireName(ExclusionReason.SelfAssessmentNotCounted).Should().Be("selfAssessmentNotCounted");
    }

    [Fact]
    public void Self_assessment_counts_when_the_policy_says_so()
    {
        var self = Evidence.On(1, 4m, EvidenceModality.SelfAssessment);

        EvidenceSelection.Select([self], Policy with { CountSelfAssessment = true }).Counted.Should().Equal(self);
    }

    [Fact]
    public void A_retracted_self_assessment_is_excluded_as_retracted_even_when_self_assessments_count()
    {
        var self = Evidence.On(1, 4m, EvidenceModality.SelfAssessment, ObservationStatus.Retracted);

        EvidenceSelection.Select([self], Policy with { CountSelfAssessment = true })
            .Excluded.Should().ContainSingle().Which.Reason.Should().Be(ExclusionReason.Retracted);
    }

    [Fact]
    public void Counted_scores_are_ordered_by_when_the_learning_happened_not_when_it_was_recorded()
    {
        var late = Evidence.On(day: 9, score: 1m, recordedOrder: 1);
        var early = Evidence.On(day: 2, score: 2m, recordedOrder: 2);
        var middle = Evidence.On(day: 5, score: 3m, recordedOrder: 3);

        EvidenceSelection.Select([late, early, middle], Policy).Counted.Should().Equal(early, middle, late);
    }

    [Fact]
    public void Evidence_that_happened_at_the_same_instant_is_ordered_by_when_it_was_recorded()
    {
        var at = Instant.FromUtc(2026, 3, 1, 14, 30);
        var second = new EvidenceObservation(Guid.NewGuid(), 20, at, EvidenceModality.Project, 1m, ObservationStatus.Active);
        var first = new EvidenceObservation(Guid.NewGuid(), 10, at, EvidenceModality.Project, 4m, ObservationStatus.Active);

        EvidenceSelection.Select([second, first], Policy).Counted.Should().Equal(first, second);
    }

    [Theory]
    [InlineData("assessment", true)]
    [InlineData("performanceTask", true)]
    [InlineData("portfolioArtifact", true)]
    [InlineData("realWorld", true)]
    [InlineData("selfAssessment", true)]
    [InlineData("other", true)]
    [InlineData("Assessment", false)]
    [InlineData("quiz", false)]
    public void Modalities_are_a_closed_list_of_camel_case_names(string modality, bool known) =>
        EvidenceModality.IsKnown(modality).Should().Be(known);
}
