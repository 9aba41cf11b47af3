using FastEndpoints;
using FluentValidation.Results;
using LeapMastery.Api.Features.Frameworks.Get;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Frameworks;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Frameworks.Create;

public sealed class CreateFrameworkRequest : FrameworkBody;

public sealed class CreateFrameworkValidator : Validator<CreateFrameworkRequest>
{
    public CreateFrameworkValidator() => Include(new FrameworkBodyRules());
}

public sealed class CreateFrameworkEndpoint(TenantContext tenant, IClock clock, FrameworkWriter writer) : Endpoint<CreateFrameworkRequest, FrameworkResponse>
{
    public override void Configure()
    {
        Post("/frameworks");
        Scopes(ApiScopes.FrameworksWrite);
        Description(d => d.WithTags("Frameworks").Produces<FrameworkResponse>(201, "application/json").Produces(409));
        Summary(s =>
        {
            s.Summary = "Create a competency framework";
            s.Description = "A tree of competencies with a proficiency scale, a default calculation policy, prerequisites, progressions and extensions. Its code is unique in the tenant.";
        });
    }

    public override async Task HandleAsync(CreateFrameworkRequest req, CancellationToken ct)
    {
        var (definition, errors) = FrameworkMapping.ToDefinition(req, previous: null, Guid.NewGuid);
        if (definition is null)
        {
            foreach (var e in errors) ValidationFailures.Add(new ValidationFailure(e.Field, e.Message));
            ThrowIfAnyErrors();
            return;
        }

        await using var session = tenant.OpenSession();
        var codeTaken = await session.Query<FrameworkDocument>().AnyAsync(f => f.Code == definition.Code, ct);
        var decision = FrameworkDecisions.Create(new CreateFramework(Guid.NewGuid(), definition, codeTaken, clock.GetCurrentInstant(), tenant.ClientId));
        var (written, refusal) = await writer.AppendAsync(session, decision, ct);
        if (refusal is not null)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        HttpContext.Response.Headers.ETag = FrameworkETag.For(written!.Framework);
        await Send.CreatedAtAsync<GetFrameworkEndpoint>(new { frameworkId = written.Framework.Id }, FrameworkMapping.ToResponse(written.Framework), cancellation: ct);
    }
}
