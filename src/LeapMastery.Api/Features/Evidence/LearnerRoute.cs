using FluentValidation;

namespace LeapMastery.Api.Features.Evidence;

public static class LearnerRoute
{
    /// <summary>A learner id is the SIS sourcedId: URL-safe characters only (the domain's rule, LearnerIds).</summary>
    public const string Pattern = Domain.LearnerIds.Pattern;

    public static IRuleBuilderOptions<T, string> MustBeLearnerId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Matches(Pattern).WithMessage("A learner id is 1–128 URL-safe characters (letters, digits, . _ ~ : -).");
}
