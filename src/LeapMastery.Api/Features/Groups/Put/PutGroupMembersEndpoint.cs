using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using NodaTime;

namespace LeapMastery.Api.Features.Groups.Put;

public sealed class GroupMembersBody
{
    /// <summary>section or school (default section).</summary>
    public string? Kind { get; set; }
    public string? Title { get; set; }
    /// <summary>The complete member list (learner SIS sourcedIds); it replaces the previous one.</summary>
    public List<string> Members { get; set; } = [];
}

public sealed class PutGroupMembersRequest
{
    /// <summary>The SIS sourcedId of the section or school.</summary>
    public string GroupId { get; set; } = "";
    [FromBody] public GroupMembersBody Body { get; set; } = new();
}

public sealed class PutGroupMembersValidator : Validator<PutGroupMembersRequest>
{
    public PutGroupMembersValidator()
    {
        RuleFor(x => x.GroupId).Matches(LearnerRoute.Pattern).WithMessage("A group id is 1–128 URL-safe characters.");
        RuleFor(x => x.Body.Kind).Must(k => k is null or "section" or "school").OverridePropertyName("kind").WithMessage("Use section or school.");
        RuleFor(x => x.Body.Title).MaximumLength(300).OverridePropertyName("title");
        RuleFor(x => x.Body.Members).Must(m => m.Count <= 50_000).OverridePropertyName("members").WithMessage("At most 50,000 members.");
        RuleForEach(x => x.Body.Members).Matches(LearnerRoute.Pattern).OverridePropertyName("members")
            .WithMessage("A learner id is 1–128 URL-safe characters.");
    }
}

public sealed class PutGroupMembersEndpoint(TenantContext tenant, IClock clock) : Endpoint<PutGroupMembersRequest, GroupResponse>
{
    public override void Configure()
    {
        Put("/groups/{groupId}/members");
        Scopes(ApiScopes.RosterWrite);
        Description(d => d.WithTags("Groups"));
        Summary(s =>
        {
            s.Summary = "Set a section's or school's full member list (idempotent)";
            s.Description = "The SIS sends the whole list each time; repeating the same list changes nothing. Learners are SIS ids only: no names.";
        });
    }

    public override async Task HandleAsync(PutGroupMembersRequest req, CancellationToken ct)
    {
        await using var session = tenant.OpenSession();
        var members = req.Body.Members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var group = await session.LoadAsync<GroupDocument>(req.GroupId, ct) ?? new GroupDocument { Id = req.GroupId };
        var kind = req.Body.Kind ?? group.Kind;
        var unchanged = group.Members.SequenceEqual(members) && group.Kind == kind && group.Title == req.Body.Title && group.UpdatedAt != default;
        if (!unchanged)
        {
            group.Members = members;
            group.Kind = kind;
            group.Title = req.Body.Title;
            group.UpdatedAt = clock.GetCurrentInstant();
            session.Store(group);
            await session.SaveChangesAsync(ct);
        }
        await Send.OkAsync(GroupResponse.From(group), ct);
    }
}
