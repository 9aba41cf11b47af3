using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Features.Recognitions.Get;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Recognitions;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Recognitions.Define;

public sealed class DefineRecognitionRequest
{
    [FromBody] public RecognitionBody Body { get; set; } = new();
}

public sealed class DefineRecognitionValidator : Validator<DefineRecognitionRequest>
{
    public DefineRecognitionValidator()
    {
        RuleFor(x => x.Body.Code).NotEmpty().MaximumLength(100).OverridePropertyName("code");
        RuleFor(x => x.Body.Name).NotEmpty().MaximumLength(300).OverridePropertyName("name");
        RuleFor(x => x.Body.Description).NotEmpty().MaximumLength(4000).OverridePropertyName("description");
        RuleFor(x => x.Body.Kind).IsInEnum().OverridePropertyName("kind");
        RuleFor(x => x.Body.Criteria).NotNull().OverridePropertyName("criteria");
    }
}

public sealed class DefineRecognitionEndpoint(TenantContext tenant, FrameworkCatalog catalog, IClock clock) : Endpoint<DefineRecognitionRequest, RecognitionResponse>
{
    public override void Configure()
    {
        Post("/recognitions");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Recognitions").Produces<RecognitionResponse>(201, "application/json").Produces(409));
        Summary(s =>
        {
            s.Summary = "Define a recognition (credit, course credit, badge, micro-credential, certificate)";
            s.Description = "Awarded automatically the moment a learner first meets its criteria — by evidence, a batch, a scored attempt, a correction or a policy change — and never for time. Placed steps count only with countPlaced. Learners who already meet it are not swept; the next write for them awards it.";
        });
    }

    public override async Task HandleAsync(DefineRecognitionRequest req, CancellationToken ct)
    {
        await using var session = tenant.OpenSession();
        var frameworks = await catalog.CurrentAsync(session, ct);
        var b = req.Body;
        var definition = new RecognitionDefinition(b.Code, b.Name, b.Description, b.Kind, b.Criteria!.ToDomain(), b.CountPlaced, b.CreditsAvailable);
        var id = Guid.NewGuid();
        var decision = RecognitionDecisions.Define(new DefineRecognition(id, definition,
            CodeTaken: await session.Query<RecognitionDocument>().AnyAsync(r => r.Code == b.Code, ct),
            CompetencyExists: competency => frameworks.Any(f => f.Definition.Find(competency) is not null),
            ProgressionSteps: (f, p) => frameworks.FirstOrDefault(x => x.Id == f)?.Definition.Progressions.FirstOrDefault(x => x.Code == p)?.Steps.Count,
            LevelExists: (competency, level) => frameworks.Any(f => f.Definition.Find(competency) is not null && f.Definition.Scale.Levels.Any(l => l.Code == level)),
            clock.GetCurrentInstant(), tenant.ClientId));
        if (decision.Refusal is { } refused)
        {
            await RefusalAnswer.SendAsync(HttpContext, refused, ct);
            return;
        }
        session.Events.StartStream<RecognitionDocument>(id, decision.Events.ToArray());
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (ProblemDetailsSetup.IsUniqueViolation(e))
        {
            // Another request defined the same code in the meantime.
            await RefusalAnswer.SendAsync(HttpContext, RecognitionDecisions.CodeTaken(b.Code).Refusal!, ct);
            return;
        }
        var doc = await session.LoadAsync<RecognitionDocument>(id, ct);
        await Send.CreatedAtAsync<GetRecognitionEndpoint>(new { recognitionId = id }, RecognitionResponse.From(doc!), cancellation: ct);
    }
}
