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
        var (outcome, record) = await writer.WriteAsync(req.LearnerId, null, state =>
        {
            var award = state.FindAward(req.AwardId);
            if (award is null) return (null, (Outcome: "notFound", state));
            if (!award.IsActive) return (null, (Outcome: "The recognition is already revoked.", state));
            var e = new RecognitionRevoked(req.AwardId, req.Body.Reason, clock.GetCurrentInstant(), tenant.ClientId);
            return ((object?)e, (Outcome: "revoked", state.Apply(e)));
        }, ct);
        if (outcome == "notFound")
        {
            await Send.ResultAsync(Problems.NotFound($"No award {req.AwardId} for learner {req.LearnerId}."));
            return;
        }
        if (outcome != "revoked")
        {
            await Send.ResultAsync(Problems.Conflict(outcome));
            return;
        }
        await using var session = tenant.QuerySession();
        var award = record.FindAward(req.AwardId)!;
        var definition = await session.LoadAsync<RecognitionDocument>(award.Awarded.RecognitionId, ct);
        await Send.OkAsync(AwardResponse.From(award, record, definition), ct);
    }
}
