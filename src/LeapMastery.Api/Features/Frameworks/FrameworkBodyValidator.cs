using FluentValidation;

namespace LeapMastery.Api.Features.Frameworks;

/// <summary>Shape rules for a framework body; the domain's FrameworkRules check the rest (codes, links, cycles, scale).</summary>
public sealed class FrameworkBodyRules : AbstractValidator<FrameworkBody>
{
    public FrameworkBodyRules()
    {
        RuleFor(x => x.Code).NotEmpty().MaximumLength(100).Matches("^[A-Za-z0-9._-]+$")
            .WithMessage("Use letters, digits, '.', '_' or '-' only.");
        RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
        RuleFor(x => x.Scale).NotNull();
        RuleFor(x => x.Policy).NotNull();
        RuleFor(x => x.Competencies).NotEmpty().Must(c => c.Count <= 5000).WithMessage("At most 5000 competencies.");
        RuleForEach(x => x.Competencies).ChildRules(c =>
        {
            c.RuleFor(x => x.Code).NotEmpty().MaximumLength(200);
            c.RuleFor(x => x.Statement).NotEmpty().MaximumLength(4000);
            c.RuleFor(x => x.Kind).IsInEnum();
        });
        RuleForEach(x => x.Progressions).ChildRules(p =>
        {
            p.RuleFor(x => x.Code).NotEmpty().MaximumLength(100);
            p.RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
        });
        When(x => x.Scale is not null, () =>
        {
            RuleFor(x => x.Scale!.Levels).NotEmpty().OverridePropertyName("scale.levels");
        });
        When(x => x.Policy is not null, () =>
        {
            RuleFor(x => x.Policy!.Method).NotEmpty().OverridePropertyName("policy.method");
        });
    }
}
