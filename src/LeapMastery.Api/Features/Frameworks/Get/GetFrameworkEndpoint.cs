using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Frameworks.Get;

public sealed class GetFrameworkRequest
{
    /// <summary>The framework's id.</summary>
    public Guid FrameworkId { get; set; }
}

public sealed class GetFrameworkEndpoint(TenantContext tenant) : Endpoint<GetFrameworkRequest, FrameworkResponse>
{
    public override void Configure()
    {
        Get("/frameworks/{frameworkId:guid}");
        Scopes(ApiScopes.ProgressRead, ApiScopes.FrameworksWrite);
        Description(d => d.WithTags("Frameworks").Produces(404));
        Summary(s => s.Summary = "Get a framework (its current version)");
    }

    public override async Task HandleAsync(GetFrameworkRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var doc = await session.LoadAsync<FrameworkDocument>(req.FrameworkId, ct);
        if (doc is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No framework {req.FrameworkId} in this tenant."));
            return;
        }
        HttpContext.Response.Headers.ETag = FrameworkETag.For(doc);
        await Send.OkAsync(FrameworkMapping.ToResponse(doc), ct);
    }
}
