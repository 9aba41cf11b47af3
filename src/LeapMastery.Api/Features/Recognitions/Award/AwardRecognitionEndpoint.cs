using System.Text.Json.Serialization;
using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Recognitions;
using NodaTime;

namespace LeapMastery.Api.Features.Recognitions.Award;

public sealed class ManualAwardBody
{
    [JsonRequired] public Guid RecognitionId { get; set; }
    /// <summary>Why the educator awards it (e.g. learning outside school, LC.5).</summary>
    public string Justification { get; set; } = "";
    /// <summary>The learner's evidence behind it (at least one).</summary>
    public List<Guid> EvidenceIds { get; set; } = [];
}

public sealed class AwardRecognitionRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    [FromBody] public ManualAwardBody Body { get; set; } = new();
}

public sealed class AwardRecognitionValidator : Validator<AwardRecognitionRequest>
{
    public AwardRecognitionValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.Body.RecognitionId).NotEmpty().OverridePropertyName("recognitionId");
        RuleFor(x => x.Body.Justification).NotEmpty().MaximumLength(4000).OverridePropertyName("justification");
        RuleFor(x => x.Body.EvidenceIds).NotEmpty().OverridePropertyName("evidenceIds").WithMessage("Name the evidence behind the award.");
    }
}

public sealed class AwardRecognitionEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock) : Endpoint<AwardRecognitionRequest, AwardResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/recognitions");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Recognitions").Produces<AwardResponse>(201, "application/json").Produces(409));
        Summary(s => s.Summary = "Award a recognition by an educator's decision, with a justification and evidence (LC.5)");
    }

    public override async Task HandleAsync(AwardRecognitionRequest req, CancellationToken ct)
    {
        RecognitionDocument? definition;
        await using (var query = tenant.QuerySession()) definition = await query.LoadAsync<RecognitionDocument>(req.Body.RecognitionId, ct);
        if (definition is null)
        {
            ValidationFailures.Add(new ValidationFailure("recognitionId", $"No recognition {req.Body.RecognitionId} in this tenant."));
            ThrowIfAnyErrors();
        }
        var command = new AwardRecognition(Guid.NewGuid(), req.LearnerId, definition!.Id, req.Body.Justification, req.Body.EvidenceIds,
            clock.GetCurrentInstant(), tenant.ClientId);
        var (decision, record) = await writer.DecideAsync(req.LearnerId, LearnerReads.Of(new LearnerReads { Evidence = req.Body.EvidenceIds }),
            state => RecognitionDecisions.Award(command, state), ct);
        if (decision.Refusal is { } refusal)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        HttpContext.Response.Headers.Location = $"/v1/learners/{req.LearnerId}/recognitions/{command.AwardId}/credential";
        await Send.ResponseAsync(AwardResponse.From(record.FindAward(command.AwardId)!, record, definition), 201, ct);
    }
}
