using Marten;
using LeapMastery.Api.Learners;
using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Http;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain.Mastery;
using NodaTime;
using NodaTime.Text;

namespace LeapMastery.Api.Features.Evidence.List;

public sealed class ListEvidenceRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>Only evidence aligned to this competency.</summary>
    [QueryParam] public Guid? CompetencyId { get; set; }
    /// <summary>Only evidence of this modality.</summary>
    [QueryParam] public string? Modality { get; set; }
    /// <summary>Only evidence that occurred at or after this instant (ISO-8601, e.g. 2026-03-01T00:00:00Z).</summary>
    [QueryParam] public string? From { get; set; }
    /// <summary>Only evidence that occurred before this instant.</summary>
    [QueryParam] public string? To { get; set; }
    /// <summary>The <c>nextCursor</c> of the previous page; omit for the first page.</summary>
    [QueryParam] public string? Cursor { get; set; }
    /// <summary>Page size, 1 to 500 (default 50).</summary>
    [QueryParam] public int? Limit { get; set; }
}

public sealed class ListEvidenceValidator : Validator<ListEvidenceRequest>
{
    public ListEvidenceValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.Modality).Must(m => m is null || EvidenceModality.IsKnown(m)).WithMessage($"Use one of: {string.Join(", ", EvidenceModality.All)}.");
        RuleFor(x => x.From).Must(v => v is null || InstantPattern.ExtendedIso.Parse(v).Success).WithMessage("An ISO-8601 instant, e.g. 2026-03-01T00:00:00Z.");
        RuleFor(x => x.To).Must(v => v is null || InstantPattern.ExtendedIso.Parse(v).Success).WithMessage("An ISO-8601 instant, e.g. 2026-03-01T00:00:00Z.");
        RuleFor(x => x.Limit).InclusiveBetween(1, Infrastructure.Http.Cursor.MaxLimit);
        RuleFor(x => x.Cursor).Must(c => Infrastructure.Http.Cursor.TryDecode(c, out var p) && (p is null || long.TryParse(p, out _)))
            .WithMessage("Not a cursor this service issued.");
    }
}

public sealed class ListEvidenceEndpoint(TenantContext tenant) : Endpoint<ListEvidenceRequest, Page<EvidenceResponse>>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/evidence");
        Scopes(ApiScopes.ProgressRead, ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Evidence"));
        Summary(s => s.Summary = "List a learner's evidence in the order it was recorded (filters: competency, modality, dates)");
    }

    public override async Task HandleAsync(ListEvidenceRequest req, CancellationToken ct)
    {
        Infrastructure.Http.Cursor.TryDecode(req.Cursor, out var position);
        var after = position is null ? 0 : long.Parse(position);
        Instant? from = req.From is null ? null : InstantPattern.ExtendedIso.Parse(req.From).Value;
        Instant? to = req.To is null ? null : InstantPattern.ExtendedIso.Parse(req.To).Value;
        var limit = req.Limit ?? Infrastructure.Http.Cursor.DefaultLimit;

        await using var session = tenant.QuerySession();
        var stream = LearnerStreams.StreamId(tenant.TenantId, req.LearnerId);
        var evidence = await session.Query<LearnerEvidence>().Where(e => e.LearnerStream == stream && e.RecordedOrder > after).OrderBy(e => e.RecordedOrder).ToListAsync(ct);
        var matching = evidence.Select(e => e.Entry)
            .Where(e => req.CompetencyId is null || e.CurrentAlignments.Any(a => a.CompetencyId == req.CompetencyId))
            .Where(e => req.Modality is null || e.Recorded.Modality == req.Modality)
            .Where(e => from is null || e.Recorded.OccurredAt >= from)
            .Where(e => to is null || e.Recorded.OccurredAt < to)
            .Take(limit + 1)
            .ToList();
        await Send.OkAsync(new Page<EvidenceResponse>
        {
            Items = matching.Take(limit).Select(EvidenceResponse.From).ToList(),
            NextCursor = matching.Count > limit ? Infrastructure.Http.Cursor.Encode(matching[limit - 1].RecordedOrder.ToString()) : null,
        }, ct);
    }
}
