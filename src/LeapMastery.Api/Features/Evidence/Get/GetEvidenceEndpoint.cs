using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;

namespace LeapMastery.Api.Features.Evidence.Get;

public sealed class GetEvidenceRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The evidence id.</summary>
    public Guid EvidenceId { get; set; }
}

public sealed class GetEvidenceEndpoint(TenantContext tenant) : Endpoint<GetEvidenceRequest, EvidenceResponse>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/evidence/{evidenceId:guid}");
        Scopes(ApiScopes.ProgressRead, ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Evidence").Produces(404));
        Summary(s => s.Summary = "Get one piece of evidence, with its corrections and retraction");
    }

    public override async Task HandleAsync(GetEvidenceRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var evidence = await session.LoadAsync<LearnerEvidence>(req.EvidenceId, ct);
        var entry = evidence?.LearnerStream == LearnerStreams.StreamId(tenant.TenantId, req.LearnerId) ? evidence.Entry : null;
        if (entry is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No evidence {req.EvidenceId} for learner {req.LearnerId}."));
            return;
        }
        await Send.OkAsync(EvidenceResponse.From(entry), ct);
    }
}
