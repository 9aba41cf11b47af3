using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Assessments.Get;

public sealed class GetAssessmentRequest
{
    /// <summary>The assessment's id.</summary>
    public Guid AssessmentId { get; set; }
}

public sealed class GetAssessmentEndpoint(TenantContext tenant) : Endpoint<GetAssessmentRequest, AssessmentResponse>
{
    public override void Configure()
    {
        Get("/assessments/{assessmentId:guid}");
        Scopes(ApiScopes.EvidenceWrite, ApiScopes.ProgressRead);
        Description(d => d.WithTags("Assessments").Produces(404));
        Summary(s => s.Summary = "Get an assessment");
    }

    public override async Task HandleAsync(GetAssessmentRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var doc = await session.LoadAsync<AssessmentDocument>(req.AssessmentId, ct);
        if (doc is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No assessment {req.AssessmentId} in this tenant."));
            return;
        }
        await Send.OkAsync(AssessmentResponse.From(doc), ct);
    }
}
