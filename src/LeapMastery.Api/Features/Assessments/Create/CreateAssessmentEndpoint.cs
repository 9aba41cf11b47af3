using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using LeapMastery.Api.Features.Assessments.Get;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Assessments;
using Marten;
using Marten.Exceptions;
using NodaTime;

namespace LeapMastery.Api.Features.Assessments.Create;

public sealed class CreateAssessmentRequest
{
    [FromBody] public AssessmentBody Body { get; set; } = new();
}

public sealed class CreateAssessmentValidator : Validator<CreateAssessmentRequest>
{
    public CreateAssessmentValidator()
    {
        RuleFor(x => x.Body.Code).NotEmpty().MaximumLength(100).OverridePropertyName("code");
        RuleFor(x => x.Body.Title).NotEmpty().MaximumLength(300).OverridePropertyName("title");
        RuleFor(x => x.Body.FrameworkId).NotEmpty().OverridePropertyName("frameworkId");
        RuleFor(x => x.Body.Sections).NotEmpty().Must(s => s.Count <= 500).OverridePropertyName("sections");
    }
}

public sealed class CreateAssessmentEndpoint(TenantContext tenant, IClock clock) : Endpoint<CreateAssessmentRequest, AssessmentResponse>
{
    public override void Configure()
    {
        Post("/assessments");
        Scopes(ApiScopes.EvidenceWrite, ApiScopes.FrameworksWrite);
        Description(d => d.WithTags("Assessments").Produces<AssessmentResponse>(201, "application/json").Produces(409));
        Summary(s =>
        {
            s.Summary = "Define an assessment aligned to competencies";
            s.Description = "Sections map to competencies with their points; cut scores map a section's fraction to a level; the attempt policy is unlimited unless maxAttempts is set; externalIds are how an LMS knows it (LTI line item, OneRoster line item, xAPI activity).";
        });
    }

    public override async Task HandleAsync(CreateAssessmentRequest req, CancellationToken ct)
    {
        await using var session = tenant.OpenSession();
        var framework = await session.LoadAsync<FrameworkDocument>(req.Body.FrameworkId, ct);
        var (definition, errors) = AssessmentResponse.ToDefinition(req.Body, framework);
        foreach (var e in errors) ValidationFailures.Add(new ValidationFailure(e.Field, e.Message));
        ThrowIfAnyErrors();

        if (await session.Query<AssessmentDocument>().AnyAsync(a => a.Code == definition!.Code, ct))
        {
            await Send.ResultAsync(Problems.Conflict($"An assessment with code '{definition!.Code}' already exists."));
            return;
        }
        var id = Guid.NewGuid();
        session.Events.StartStream<AssessmentDocument>(id, new AssessmentDefined(id, definition!, clock.GetCurrentInstant(), tenant.ClientId));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (MartenCommandException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            await Send.ResultAsync(Problems.Conflict($"An assessment with code '{definition!.Code}' already exists."));
            return;
        }
        var doc = await session.LoadAsync<AssessmentDocument>(id, ct);
        await Send.CreatedAtAsync<GetAssessmentEndpoint>(new { assessmentId = id }, AssessmentResponse.From(doc!), cancellation: ct);
    }
}
