using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Tests.Mastery;

public class CalculationPolicyTests
{
    [Theory]
    [InlineData(CalculationMethod.RecentAverage, "k", "3")]
    [InlineData(CalculationMethod.WeightedAverage, "w", "0.65")]
    [InlineData(CalculationMethod.DecayingAverage, "w", "0.65")]
    [InlineData(CalculationMethod.NTimes, "n", "3")]
    [InlineData(CalculationMethod.RecentMedian, "k", "5")]
    public void A_parameter_not_set_takes_the_method_default(CalculationMethod method, string name, string expected) =>
        CalculationPolicy.For(method).EffectiveParameters.Should()
            .Equal(new Dictionary<string, decimal> { [name] = decimal.Parse(expected) });

    [Theory]
    [InlineData(CalculationMethod.Highest)]
    [InlineData(CalculationMethod.MostRecent)]
    [InlineData(CalculationMethod.Average)]
    [InlineData(CalculationMethod.Mode)]
    [InlineData(CalculationMethod.PowerLaw)]
    public void Methods_without_parameters_have_none(CalculationMethod method) =>
        CalculationPolicy.For(method).EffectiveParameters.Should().BeEmpty();

    [Fact]
    public void A_parameter_set_by_the_district_overrides_the_default() =>
        CalculationPolicy.For(CalculationMethod.RecentMedian, ("k", 4m)).Parameter("k").Should().Be(4m);

    [Fact]
    public void The_default_policy_is_a_decaying_average_with_w_065_and_the_default_mastery_rules()
    {
        var policy = CalculationPolicy.Default;

        policy.Method.Should().Be(CalculationMethod.DecayingAverage);
        policy.Parameter("w").Should().Be(0.65m);
        policy.MinEvidence.Should().Be(1);
        policy.MinModalities.Should().Be(1);
        policy.CountSelfAssessment.Should().BeFalse();
        CalculationPolicy.Validate(policy, "policy").Should().BeEmpty();
    }

    [Theory]
    [InlineData(CalculationMethod.WeightedAverage, "w", "0.01")]
    [InlineData(CalculationMethod.DecayingAverage, "w", "0.99")]
    [InlineData(CalculationMethod.RecentAverage, "k", "1")]
    [InlineData(CalculationMethod.RecentMedian, "k", "12")]
    [InlineData(CalculationMethod.NTimes, "n", "1")]
    public void Parameters_within_their_range_are_valid(CalculationMethod method, string name, string value) =>
        CalculationPolicy.Validate(CalculationPolicy.For(method, (name, decimal.Parse(value))), "policy").Should().BeEmpty();

    [Theory]
    [InlineData(CalculationMethod.WeightedAverage, "w", "0")]
    [InlineData(CalculationMethod.WeightedAverage, "w", "1")]
    [InlineData(CalculationMethod.DecayingAverage, "w", "-0.2")]
    [InlineData(CalculationMethod.DecayingAverage, "w", "1.5")]
    [InlineData(CalculationMethod.RecentAverage, "k", "0")]
    [InlineData(CalculationMethod.RecentAverage, "k", "2.5")]
    [InlineData(CalculationMethod.RecentMedian, "k", "-1")]
    [InlineData(CalculationMethod.NTimes, "n", "0")]
    [InlineData(CalculationMethod.NTimes, "n", "1.5")]
    public void Parameters_out_of_range_are_rejected(CalculationMethod method, string name, string value) =>
        CalculationPolicy.Validate(CalculationPolicy.For(method, (name, decimal.Parse(value))), "policy")
            .Should().ContainSingle().Which.Field.Should().Be($"policy.parameters.{name}");

    [Theory]
    [InlineData(CalculationMethod.Highest, "k")]
    [InlineData(CalculationMethod.RecentAverage, "w")]
    [InlineData(CalculationMethod.NTimes, "k")]
    [InlineData(CalculationMethod.DecayingAverage, "alpha")]
    public void A_parameter_the_method_does_not_take_is_rejected(CalculationMethod method, string name) =>
        CalculationPolicy.Validate(CalculationPolicy.For(method, (name, 1m)), "competencies[2].policy")
            .Should().ContainSingle().Which.Field.Should().Be($"competencies[2].policy.parameters.{name}");

    [Fact]
    public void At_least_one_piece_of_evidence_and_one_modality_are_required() =>
        CalculationPolicy.Validate(CalculationPolicy.Default with { MinEvidence = 0, MinModalities = 0 }, "policy")
            .Select(e => e.Field).Should().BeEquivalentTo("policy.minEvidence", "policy.minModalities");

    [Fact]
    public void Policies_written_alike_are_equal()
    {
        CalculationPolicy.For(CalculationMethod.NTimes, ("n", 4m)).Should().Be(CalculationPolicy.For(CalculationMethod.NTimes, ("n", 4m)));
        CalculationPolicy.For(CalculationMethod.NTimes, ("n", 4m)).Should().NotBe(CalculationPolicy.For(CalculationMethod.NTimes, ("n", 5m)));
        CalculationPolicy.Default.Should().NotBe(CalculationPolicy.Default with { MinModalities = 2 });
    }
}
