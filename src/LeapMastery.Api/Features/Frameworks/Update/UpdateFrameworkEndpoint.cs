using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Frameworks;
using Marten;
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

public sealed class UpdateFrameworkEndpoint(TenantContext tenant, IClock clock, FrameworkWriter writer) : Endpoint<UpdateFrameworkRequest, FrameworkResponse>
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
        var current = await session.LoadAsync<FrameworkDocument>(req.FrameworkId, ct);
        if (current is null)
        {
            await RefusalAnswer.SendAsync(HttpContext, FrameworkDecisions.NotFound(req.FrameworkId).Refusal!, ct);
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
        var codeTaken = await session.Query<FrameworkDocument>().AnyAsync(f => f.Code == definition.Code && f.Id != req.FrameworkId, ct);
        var decision = FrameworkDecisions.Revise(new ReviseFramework(req.FrameworkId, definition, codeTaken, clock.GetCurrentInstant(), tenant.ClientId), current.State);
        var (written, refusal) = await writer.AppendAsync(session, decision, ct);
        if (refusal is not null)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        HttpContext.Response.Headers.ETag = FrameworkETag.For(written!.Framework);
        var response = FrameworkMapping.ToResponse(written.Framework);
        response.Recomputation = Recomputations.RecomputationResponse.From(written.Recomputation!);
        await Send.OkAsync(response, ct);
    }
}
