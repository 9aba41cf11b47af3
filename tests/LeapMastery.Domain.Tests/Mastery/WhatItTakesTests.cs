using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Tests.Mastery;

/// <summary>
/// What it takes, checked against brute force over the scale: for every method, many histories, every score of the
/// 0.01 grid as the next evidence (through the calculator itself), then 2, 3, … more at the top score.
/// </summary>
public sealed class WhatItTakesTests
{
    private static readonly (CalculationMethod Method, (string, decimal)[] Parameters)[] Methods =
    [
        (CalculationMethod.Highest, []), (CalculationMethod.MostRecent, []), (CalculationMethod.Average, []),
        (CalculationMethod.RecentAverage, [("k", 3m)]), (CalculationMethod.WeightedAverage, [("w", 0.65m)]),
        (CalculationMethod.DecayingAverage, [("w", 0.65m)]), (CalculationMethod.NTimes, [("n", 3m)]), (CalculationMethod.Mode, []),
        (CalculationMethod.RecentMedian, [("k", 5m)]), (CalculationMethod.PowerLaw, []),
    ];

    public static TheoryData<CalculationMethod> AllMethods()
    {
        var data = new TheoryData<CalculationMethod>();
        foreach (var (method, _) in Methods) data.Add(method);
        return data;
    }

    private static CalculationPolicy PolicyFor(CalculationMethod method, int minEvidence = 1, int minModalities = 1) =>
        CalculationPolicy.For(method, Methods.Single(m => m.Method == method).Parameters) with { MinEvidence = minEvidence, MinModalities = minModalities };

    private static bool Mastered(IReadOnlyList<EvidenceObservation> history, ProficiencyScale scale, CalculationPolicy policy) =>
        MasteryCalculator.Calculate(history, scale, policy).Mastered;

    /// <summary>The history with more evidence after it, each in a modality of its own (the best case the answer assumes).</summary>
    private static List<EvidenceObservation> With(IReadOnlyList<EvidenceObservation> history, params decimal[] more) =>
        [.. history, .. more.Select((s, i) => Evidence.On(100 + i, s, modality: $"new-{i}"))];

    private static void AgreesWithBruteForce(IReadOnlyList<EvidenceObservation> history, ProficiencyScale scale, CalculationPolicy policy)
    {
        var result = MasteryCalculator.Calculate(history, scale, policy);
        var answer = WhatItTakes.For(result, scale, policy);
        var because = $"{policy.Method} after [{string.Join(", ", history.Select(h => h.Score))}]";
        if (result.Mastered)
        {
            answer.Should().BeNull(because);
            return;
        }
        answer.Should().NotBeNull(because);

        var grid = Enumerable.Range(0, (int)((scale.MaxPoints - scale.MinPoints) * 100) + 1).Select(i => scale.MinPoints + i * 0.01m).ToList();
        var lowest = grid.Cast<decimal?>().FirstOrDefault(x => Mastered(With(history, x!.Value), scale, policy));
        if (lowest is { } points)
        {
            answer!.Reach.Should().Be(MasteryReach.NextEvidence, because);
            answer.Points.Should().Be(points, because);
            var level = scale.OrderedLevels.FirstOrDefault(l => Mastered(With(history, l.MinScore), scale, policy));
            answer.Level.Should().Be(level, because);
            answer.HigherCanFail.Should().Be(grid.Any(x => x > points && !Mastered(With(history, x), scale, policy)), because);
            if (answer.Fraction is { } fraction)
            {
                var fromFraction = scale.MinPoints + fraction * (scale.MaxPoints - scale.MinPoints);
                Mastered(With(history, fromFraction), scale, policy).Should().BeTrue(because + ": the stated fraction reaches mastery");
                if (fraction >= 0.01m)
                    Mastered(With(history, scale.MinPoints + (fraction - 0.01m) * (scale.MaxPoints - scale.MinPoints)), scale, policy)
                        .Should().BeFalse(because + ": a fraction 0.01 lower does not");
            }
            return;
        }
        for (var k = 2; k <= WhatItTakes.SearchLimit; k++)
        {
            if (Mastered(With(history, Enumerable.Repeat(scale.MaxPoints, k).ToArray()), scale, policy))
            {
                answer!.Reach.Should().Be(MasteryReach.MoreEvidence, because);
                answer.MoreAtTopScore.Should().Be(k, because);
                return;
            }
        }
        answer!.Reach.Should().Be(MasteryReach.CannotBeReached, because);
    }

    private static IEnumerable<IReadOnlyList<EvidenceObservation>> Histories(ProficiencyScale scale, int seed)
    {
        var random = new Random(seed);
        var levelScores = scale.OrderedLevels.Select(l => l.MinScore).ToArray();
        yield return [];
        for (var i = 0; i < 60; i++)
        {
            var n = random.Next(1, 8);
            var scores = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0
                ? Math.Round(scale.MinPoints + (decimal)random.NextDouble() * (scale.MaxPoints - scale.MinPoints), 2)
                : levelScores[random.Next(levelScores.Length)]).ToArray();
            yield return Evidence.Scores(scores);
        }
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void The_answer_matches_brute_force_over_the_scale_for_every_method(CalculationMethod method)
    {
        foreach (var scale in new[] { Scales.FourPoint, Scales.IntegerPoints })
        foreach (var history in Histories(scale, seed: (int)method))
            AgreesWithBruteForce(history, scale, PolicyFor(method));
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Minimum_evidence_and_modalities_are_part_of_the_answer(CalculationMethod method)
    {
        foreach (var history in Histories(Scales.FourPoint, seed: 100 + (int)method).Take(25))
        {
            AgreesWithBruteForce(history, Scales.FourPoint, PolicyFor(method, minEvidence: 4));
            AgreesWithBruteForce(history, Scales.FourPoint, PolicyFor(method, minModalities: 3));
        }
    }

    [Fact]
    public void Under_average_a_Proficient_after_a_Developing_is_not_enough_but_an_Extending_is()
    {
        var history = Evidence.Scores(1.5m);
        var answer = WhatItTakes.For(MasteryCalculator.Calculate(history, Scales.FourPoint, PolicyFor(CalculationMethod.Average)), Scales.FourPoint, PolicyFor(CalculationMethod.Average))!;
        answer.Reach.Should().Be(MasteryReach.NextEvidence);
        answer.Points.Should().Be(3.49m, "(1.5 + 3.49) / 2 = 2.495, which rounds to 2.50: mastery is decided on the rounded score");
        answer.Level!.Code.Should().Be("4");
        answer.Fraction.Should().Be(0.88m, "3.49 of 4 points is 87.25 %, and a raw fraction of 0.88 is the lowest of two decimals that reaches it");
        answer.Explanation.Should().Contain("3.49 points").And.Contain("level 4 Extending");
    }

    [Fact]
    public void Under_nTimes_it_takes_as_many_more_at_the_top_as_mastery_scores_are_missing()
    {
        var policy = PolicyFor(CalculationMethod.NTimes);
        var history = Evidence.Scores(3m, 1m);
        var answer = WhatItTakes.For(MasteryCalculator.Calculate(history, Scales.FourPoint, policy), Scales.FourPoint, policy)!;
        answer.Reach.Should().Be(MasteryReach.MoreEvidence);
        answer.MoreAtTopScore.Should().Be(2, "one score at or above the threshold so far, three needed");
    }

    [Fact]
    public void A_threshold_at_the_top_of_the_scale_cannot_be_reached_under_average_after_a_lower_score()
    {
        var scale = new ProficiencyScale(0m, 4m, 4m, [new("1", "Beginning", null, 0m), new("2", "Top", null, 4m)]);
        var policy = PolicyFor(CalculationMethod.Average);
        var history = Evidence.Scores(0m);
        var answer = WhatItTakes.For(MasteryCalculator.Calculate(history, scale, policy), scale, policy)!;
        answer.Reach.Should().Be(MasteryReach.CannotBeReached, "an average including a 0 never reaches 4");
        answer.Explanation.Should().Contain("cannot be reached");
        AgreesWithBruteForce(history, scale, policy);
    }

    [Fact]
    public void Under_mode_the_lowest_score_that_does_it_can_be_followed_by_higher_ones_that_do_not()
    {
        var policy = PolicyFor(CalculationMethod.Mode);
        var history = Evidence.Scores(1.5m, 1.5m, 3m);
        var answer = WhatItTakes.For(MasteryCalculator.Calculate(history, Scales.FourPoint, policy), Scales.FourPoint, policy)!;
        answer.Reach.Should().Be(MasteryReach.NextEvidence);
        answer.Points.Should().Be(3m, "a second 3 ties the 1.5s, and a tie goes to the higher score");
        answer.HigherCanFail.Should().BeTrue("a 4 leaves 1.5 the most frequent");
        answer.Fraction.Should().BeNull();
    }

    [Fact]
    public void A_mastered_competency_needs_nothing()
    {
        var policy = PolicyFor(CalculationMethod.Highest);
        WhatItTakes.For(MasteryCalculator.Calculate(Evidence.Scores(4m), Scales.FourPoint, policy), Scales.FourPoint, policy).Should().BeNull();
    }
}
