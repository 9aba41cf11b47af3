using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Progress;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Progress.Get;

public sealed class GetProgressRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>Only this framework; omit for all of the tenant's frameworks.</summary>
    [QueryParam] public Guid? FrameworkId { get; set; }
    /// <summary>An instant (2026-03-01T14:30:00Z) or a local date (2026-03-01: the end of that day in the tenant's time zone). Only what was recorded by then counts, under the framework version in force then.</summary>
    [QueryParam] public string? AsOf { get; set; }
}

public sealed class GetProgressValidator : Validator<GetProgressRequest>
{
    public GetProgressValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.AsOf).Must(Infrastructure.Tenancy.AsOf.IsValid)
            .WithMessage("An ISO-8601 instant (2026-03-01T14:30:00Z) or a date (2026-03-01).");
    }
}

public sealed class GetProgressEndpoint(TenantContext tenant, IDocumentStore store, IClock clock) : Endpoint<GetProgressRequest, LearnerProgressResponse>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/progress");
        Scopes(ApiScopes.ProgressRead);
        Description(d => d.WithTags("Progress"));
        Summary(s =>
        {
            s.Summary = "A learner's progress: each competency's level and mastery, each progression's position";
            s.Description = "Computed from the recorded evidence under each framework's policy (docs/mastery.md). A learner with no evidence has every competency notYetAssessed.";
        });
    }

    public override async Task HandleAsync(GetProgressRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var asOf = clock.GetCurrentInstant();
        var historical = false;
        if (req.AsOf is not null)
        {
            await using var platform = store.QuerySession();
            var settings = await platform.LoadAsync<TenantRecord>(tenant.TenantId, ct);
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(settings?.TimeZone ?? "UTC") ?? DateTimeZone.Utc;
            Infrastructure.Tenancy.AsOf.TryParse(req.AsOf, zone, out asOf);
            historical = true;
        }

        var log = await session.LoadAsync<LearnerLog>(LearnerStreams.StreamId(tenant.TenantId, req.LearnerId), ct);
        var record = log?.Record ?? LearnerRecord.Empty(req.LearnerId);
        if (historical) record = record.AsOf(asOf);

        var frameworks = req.FrameworkId is { } only
            ? (await session.LoadAsync<FrameworkDocument>(only, ct)) is { } one ? [one] : []
            : await session.Query<FrameworkDocument>().OrderBy(f => f.Code).ToListAsync(ct);

        var response = new LearnerProgressResponse { LearnerId = req.LearnerId, AsOf = asOf };
        foreach (var framework in frameworks)
        {
            var inForce = historical ? await session.Events.AggregateStreamAsync<FrameworkDocument>(framework.Id, timestamp: asOf.ToDateTimeOffset(), token: ct) : framework;
            if (inForce is null) continue; // the framework did not exist yet
            response.Frameworks.Add(LearnerProgressResponse.From(ProgressCalculator.ForFramework(record, inForce.Id, inForce.Version, inForce.Definition)));
        }
        await Send.OkAsync(response, ct);
    }
}
