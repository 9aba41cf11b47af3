using FluentValidation;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;

namespace LeapMastery.Api.Features.Evidence;

/// <summary>Shape rules for a piece of evidence, wherever it arrives (the evidence route, single results, batches).</summary>
public sealed class EvidenceBodyRules : AbstractValidator<RecordEvidenceBody>
{
    public EvidenceBodyRules()
    {
        RuleFor(x => x.SourceSystem).NotEmpty().MaximumLength(200);
        RuleFor(x => x.SourceId).MaximumLength(200);
        RuleFor(x => x.Modality).Must(EvidenceModality.IsKnown).WithMessage($"Use one of: {string.Join(", ", EvidenceModality.All)}.");
        RuleFor(x => x.OccurredAt).NotNull();
        RuleFor(x => x.Alignments).NotEmpty().Must(a => a.Count <= 200).WithMessage("Give 1 to 200 alignments.");
        RuleFor(x => x.ArtifactUrl)
            .Must(u => u is null || Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http"))
            .MaximumLength(2000).WithMessage("An absolute http(s) URL.");
        RuleFor(x => x.Actor!.Kind).Must(k => EvidenceActor.Kinds.Contains(k)).OverridePropertyName("actor.kind")
            .WithMessage($"Use one of: {string.Join(", ", EvidenceActor.Kinds)}.").When(x => x.Actor is not null);
        RuleFor(x => x.Actor!.Id).MaximumLength(200).OverridePropertyName("actor.id").When(x => x.Actor is not null);
        RuleFor(x => x.Feedback!.Effort).MaximumLength(4000).OverridePropertyName("feedback.effort").When(x => x.Feedback is not null);
        RuleFor(x => x.Feedback!.Process).MaximumLength(4000).OverridePropertyName("feedback.process").When(x => x.Feedback is not null);
        RuleFor(x => x.Feedback!.Mastery).MaximumLength(4000).OverridePropertyName("feedback.mastery").When(x => x.Feedback is not null);
    }
}
