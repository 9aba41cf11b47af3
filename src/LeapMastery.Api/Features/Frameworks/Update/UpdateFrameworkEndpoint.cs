using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using JasperFx.Events;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Frameworks;
using Marten;
using Marten.Exceptions;
using NodaTime;

namespace LeapMastery.Api.Features.Frameworks.Update;

public sealed class UpdateFrameworkRequest
{
    /// <summary>The framework's id.</summary>
    public Guid FrameworkId { get; set; }

    /// <summary>Optional: the ETag of the version being revised (e.g. <c>"v3"</c>); a mismatch answers 412.</summary>
    [FromHeader("If-Match", isRequired: false)] public string? IfMatch { get; set; }

    [FromBody] public FrameworkBody Body { get; set; } = new();
}

public sealed class UpdateFrameworkValidator : Validator<UpdateFrameworkRequest>
{
    public UpdateFrameworkValidator() => RuleFor(x => x.Body).SetValidator(new FrameworkBodyRules());
}

public sealed class UpdateFrameworkEndpoint(TenantContext tenant, IClock clock, Recomputations.RecomputationWorker recomputations) : Endpoint<UpdateFrameworkRequest, FrameworkResponse>
{
    public override void Configure()
    {
        Put("/frameworks/{frameworkId:guid}");
        Scopes(ApiScopes.FrameworksWrite);
        Description(d => d.WithTags("Frameworks").Produces(404).Produces(409).Produces(412));
        Summary(s =>
        {
            s.Summary = "Revise a framework (creates its next version)";
            s.Description = "The whole framework is replaced by a new version; competencies keep their ids when their code is kept. Learners' states name the version that produced them; as-of answers keep using the version in force then. Every learner is then recomputed under the new version in the background (competency states that change go to the change feed, recognitions now met are awarded, those no longer met are flagged): the answer's recomputation links to its status.";
        });
    }

    public override async Task HandleAsync(UpdateFrameworkRequest req, CancellationToken ct)
    {
        await using var session = tenant.OpenSession();
        var stream = await session.Events.FetchForWriting<FrameworkDocument>(req.FrameworkId, ct);
        var current = stream.Aggregate;
        if (current is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No framework {req.FrameworkId} in this tenant."));
            return;
        }
        if (req.IfMatch is not null && req.IfMatch.Trim() != FrameworkETag.For(current) && req.IfMatch.Trim() != "*")
        {
            await Send.ResultAsync(Problems.PreconditionFailed($"The framework is at version {current.Version} (ETag {FrameworkETag.For(current)})."));
            return;
        }

        var (definition, errors) = FrameworkMapping.ToDefinition(req.Body, current.Definition, Guid.NewGuid);
        if (definition is null)
        {
            foreach (var e in errors) ValidationFailures.Add(new ValidationFailure(e.Field, e.Message));
            ThrowIfAnyErrors();
            return;
        }
        if (definition.Code != current.Code
            && await session.Query<FrameworkDocument>().AnyAsync(f => f.Code == definition.Code && f.Id != req.FrameworkId, ct))
        {
            await Send.ResultAsync(Problems.Conflict($"A framework with code '{definition.Code}' already exists."));
            return;
        }

        var now = clock.GetCurrentInstant();
        stream.AppendOne(new FrameworkRevised(req.FrameworkId, current.Version + 1, definition, now, tenant.ClientId));
        // Recorded with the revision, so the recomputation of its learners survives a restart.
        var recomputation = Recomputations.Recomputation.For(tenant.TenantId, req.FrameworkId, current.Version + 1, tenant.ClientId, now);
        session.Store(recomputation);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException
                                   || ex is MartenCommandException { InnerException: Npgsql.PostgresException { SqlState: "23505" } })
        {
            await Send.ResultAsync(Problems.Conflict("The framework changed while this revision was being saved; read it again and retry."));
            return;
        }
        var doc = await session.LoadAsync<FrameworkDocument>(req.FrameworkId, ct);
        recomputations.Nudge();
        HttpContext.Response.Headers.ETag = FrameworkETag.For(doc!);
        var response = FrameworkMapping.ToResponse(doc!);
        response.Recomputation = Recomputations.RecomputationResponse.From(recomputation);
        await Send.OkAsync(response, ct);
    }
}
