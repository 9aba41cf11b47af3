using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Groups.Get;

public sealed class GetGroupRequest
{
    /// <summary>The SIS sourcedId of the section or school.</summary>
    public string GroupId { get; set; } = "";
}

public sealed class GetGroupEndpoint(TenantContext tenant) : Endpoint<GetGroupRequest, GroupResponse>
{
    public override void Configure()
    {
        Get("/groups/{groupId}");
        Scopes(ApiScopes.ProgressRead, ApiScopes.ReportCardsRead, ApiScopes.RosterWrite);
        Description(d => d.WithTags("Groups").Produces(404));
        Summary(s => s.Summary = "A section or school with its members");
    }

    public override async Task HandleAsync(GetGroupRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var group = await session.LoadAsync<GroupDocument>(req.GroupId, ct);
        if (group is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No group {req.GroupId} in this tenant."));
            return;
        }
        await Send.OkAsync(GroupResponse.From(group), ct);
    }
}
