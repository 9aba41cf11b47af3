using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Tests.Mastery;

public class CalculationMethodsTests
{
    [Theory]
    [InlineData(CalculationMethod.Highest, "highest")]
    [InlineData(CalculationMethod.MostRecent, "mostRecent")]
    [InlineData(CalculationMethod.Average, "average")]
    [InlineData(CalculationMethod.RecentAverage, "recentAverage")]
    [InlineData(CalculationMethod.WeightedAverage, "weightedAverage")]
    [InlineData(CalculationMethod.DecayingAverage, "decayingAverage")]
    [InlineData(CalculationMethod.NTimes, "nTimes")]
    [InlineData(CalculationMethod.Mode, "mode")]
    [InlineData(CalculationMethod.RecentMedian, "recentMedian")]
    [InlineData(CalculationMethod.PowerLaw, "powerLaw")]
    public void Each_method_has_a_camel_case_wire_name_that_parses_back(CalculationMethod method, string wireName)
    {
        CalculationMethods.ToWireName(method).Should().Be(wireName);
        CalculationMethods.TryParse(wireName, out var parsed).Should().BeTrue();
        parsed.Should().Be(method);
    }

    [Fact]
    public void Every_method_has_a_wire_name() =>
        CalculationMethods.All.Select(CalculationMethods.ToWireName).Should().OnlyHaveUniqueItems().And.HaveCount(10);

    [Theory]
    [InlineData("NTimes")]
    [InlineData("ntimes")]
    [InlineData("median")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_exact_wire_names_parse(string? wireName) =>
        CalculationMethods.TryParse(wireName, out _).Should().BeFalse();
}
