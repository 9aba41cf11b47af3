using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Assessments.List;

public sealed class ListAssessmentsEndpoint(TenantContext tenant) : EndpointWithoutRequest<List<AssessmentResponse>>
{
    public override void Configure()
    {
        Get("/assessments");
        Scopes(ApiScopes.EvidenceWrite, ApiScopes.ProgressRead);
        Description(d => d.WithTags("Assessments"));
        Summary(s => s.Summary = "List the tenant's assessments, by code");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var docs = await session.Query<AssessmentDocument>().OrderBy(a => a.Code).ToListAsync(ct);
        await Send.OkAsync(docs.Select(AssessmentResponse.From).ToList(), ct);
    }
}
