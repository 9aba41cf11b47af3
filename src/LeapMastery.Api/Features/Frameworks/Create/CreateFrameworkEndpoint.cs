using FastEndpoints;
using FluentValidation.Results;
using LeapMastery.Api.Features.Frameworks.Get;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Frameworks;
using Marten;
using Marten.Exceptions;
using NodaTime;

namespace LeapMastery.Api.Features.Frameworks.Create;

public sealed class CreateFrameworkRequest : FrameworkBody;

public sealed class CreateFrameworkValidator : Validator<CreateFrameworkRequest>
{
    public CreateFrameworkValidator() => Include(new FrameworkBodyRules());
}

public sealed class CreateFrameworkEndpoint(TenantContext tenant, IClock clock) : Endpoint<CreateFrameworkRequest, FrameworkResponse>
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
        if (await session.Query<FrameworkDocument>().AnyAsync(f => f.Code == definition.Code, ct))
        {
            await Send.ResultAsync(Problems.Conflict($"A framework with code '{definition.Code}' already exists."));
            return;
        }

        var id = Guid.NewGuid();
        session.Events.StartStream<FrameworkDocument>(id, new FrameworkCreated(id, definition, clock.GetCurrentInstant(), tenant.ClientId));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (MartenCommandException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            await Send.ResultAsync(Problems.Conflict($"A framework with code '{definition.Code}' already exists."));
            return;
        }

        var doc = await session.LoadAsync<FrameworkDocument>(id, ct);
        HttpContext.Response.Headers.ETag = FrameworkETag.For(doc!);
        await Send.CreatedAtAsync<GetFrameworkEndpoint>(new { frameworkId = id }, FrameworkMapping.ToResponse(doc!), cancellation: ct);
    }
}
