using LeapMastery.Domain.Progressions;

namespace LeapMastery.Domain.Tests.Progressions;

public class NextStepsTests
{
    // Framework order A … H. Progression 1: A → B → C. Progression 2: D → E.
    private static readonly Guid A = Id('A'), B = Id('B'), C = Id('C'), D = Id('D'), E = Id('E'), F = Id('F'), G = Id('G'), H = Id('H');
    private static readonly IReadOnlyList<Guid> Framework = [A, B, C, D, E, F, G, H];
    private static readonly IReadOnlyList<IReadOnlyList<Guid>> Progressions = [[A, B, C], [D, E]];

    private static readonly Dictionary<Guid, IReadOnlyList<Guid>> Prerequisites = new()
    {
        [B] = [A],
        [C] = [B],
        [E] = [D],
        [F] = [B, D],
    };

    // G goes deeper on A, H goes deeper on B.
    private static readonly Dictionary<Guid, IReadOnlyList<Guid>> Extensions = new()
    {
        [A] = [G],
        [B] = [H],
    };

    private static Guid Id(char letter) => new($"00000000-0000-0000-0000-0000000000{(int)letter:x2}");

    private static NextSteps Compute(IEnumerable<Guid> mastered, IEnumerable<Guid>? placed = null) =>
        NextSteps.Compute(Framework, Progressions, mastered.ToHashSet(), (placed ?? []).ToHashSet(), Prerequisites, Extensions);

    [Fact]
    public void With_nothing_mastered_the_unlocked_competencies_are_those_without_prerequisites() =>
        Compute([]).Advance.Should().Equal(A, D, G, H);

    [Fact]
    public void A_competency_unlocks_once_all_its_prerequisites_are_mastered()
    {
        Compute([A]).Advance.Should().NotContain(F);
        Compute([A, B, D]).Advance.Should().Contain(F);
    }

    [Fact]
    public void Placed_prerequisites_unlock_like_mastered_ones() =>
        Compute(mastered: [D], placed: [A, B]).Advance.Should().Contain(F);

    [Fact]
    public void Mastered_and_placed_competencies_are_not_offered_again()
    {
        var advance = Compute(mastered: [A], placed: [D]).Advance;

        advance.Should().NotContain(A).And.NotContain(D);
    }

    [Fact]
    public void Each_progression_current_step_comes_first_then_the_framework_order() =>
        // Current steps: C (after A, B) and E (after D); F unlocked by B and D; G and H have no prerequisites.
        Compute(mastered: [A, B, D]).Advance.Should().Equal(C, E, F, G, H);

    [Fact]
    public void Going_deeper_offers_extensions_of_mastered_competencies() =>
        Compute(mastered: [A, B]).GoDeeper.Should().Equal(G, H);

    [Fact]
    public void Mastered_extensions_are_not_offered_to_go_deeper() =>
        Compute(mastered: [A, B, G]).GoDeeper.Should().Equal(H);

    [Fact]
    public void Placement_is_not_demonstrated_mastery_so_it_opens_no_extension() =>
        Compute(mastered: [], placed: [A, B]).GoDeeper.Should().BeEmpty();

    [Fact]
    public void A_learner_placed_midway_advances_from_the_placement() =>
        Compute(mastered: [], placed: [A, B]).Advance.Should().StartWith(C);
}
