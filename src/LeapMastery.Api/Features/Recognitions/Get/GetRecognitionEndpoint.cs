using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Recognitions.Get;

public sealed class GetRecognitionRequest
{
    /// <summary>The recognition's id.</summary>
    public Guid RecognitionId { get; set; }
}

public sealed class GetRecognitionEndpoint(TenantContext tenant) : Endpoint<GetRecognitionRequest, RecognitionResponse>
{
    public override void Configure()
    {
        Get("/recognitions/{recognitionId:guid}");
        Scopes(ApiScopes.Admin, ApiScopes.ProgressRead);
        Description(d => d.WithTags("Recognitions").Produces(404));
        Summary(s => s.Summary = "Get a recognition's definition");
    }

    public override async Task HandleAsync(GetRecognitionRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var doc = await session.LoadAsync<RecognitionDocument>(req.RecognitionId, ct);
        if (doc is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No recognition {req.RecognitionId} in this tenant."));
            return;
        }
        await Send.OkAsync(RecognitionResponse.From(doc), ct);
    }
}
