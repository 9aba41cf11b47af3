using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Recognitions.List;

public sealed class ListRecognitionsEndpoint(TenantContext tenant) : EndpointWithoutRequest<List<RecognitionResponse>>
{
    public override void Configure()
    {
        Get("/recognitions");
        Scopes(ApiScopes.Admin, ApiScopes.ProgressRead);
        Description(d => d.WithTags("Recognitions"));
        Summary(s => s.Summary = "List the tenant's recognitions, by code");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var docs = await session.Query<RecognitionDocument>().OrderBy(r => r.Code).ToListAsync(ct);
        await Send.OkAsync(docs.Select(RecognitionResponse.From).ToList(), ct);
    }
}
