using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Recognitions;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Recognitions.Revoke;

public sealed class RevocationBody
{
    public string Reason { get; set; } = "";
}

public sealed class RevokeRecognitionRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The award's id.</summary>
    public Guid AwardId { get; set; }
    [FromBody] public RevocationBody Body { get; set; } = new();
}

public sealed class RevokeRecognitionValidator : Validator<RevokeRecognitionRequest>
{
    public RevokeRecognitionValidator() => RuleFor(x => x.Body.Reason).NotEmpty().MaximumLength(2000).OverridePropertyName("reason");
}

public sealed class RevokeRecognitionEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock) : Endpoint<RevokeRecognitionRequest, AwardResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/recognitions/{awardId:guid}/revocation");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Recognitions").Produces(404).Produces(409));
        Summary(s => s.Summary = "Revoke a recognition with a reason (it stays in the history; a revoked automatic award is not re-awarded automatically)");
    }

    public override async Task HandleAsync(RevokeRecognitionRequest req, CancellationToken ct)
    {
        var command = new RevokeRecognition(req.AwardId, req.Body.Reason, clock.GetCurrentInstant(), tenant.ClientId);
        var (decision, record) = await writer.DecideAsync(req.LearnerId, null, state => RecognitionDecisions.Revoke(command, state), ct);
        if (decision.Refusal is { } refusal)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        await using var session = tenant.QuerySession();
        var award = record.FindAward(req.AwardId)!;
        var definition = await session.LoadAsync<RecognitionDocument>(award.Awarded.RecognitionId, ct);
        await Send.OkAsync(AwardResponse.From(award, record, definition), ct);
    }
}
