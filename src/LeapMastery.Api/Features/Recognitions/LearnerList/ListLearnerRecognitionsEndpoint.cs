using FastEndpoints;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using Marten;

namespace LeapMastery.Api.Features.Recognitions.LearnerList;

public sealed class LearnerRecognitionsRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
}

public sealed class ListLearnerRecognitionsEndpoint(TenantContext tenant) : Endpoint<LearnerRecognitionsRequest, List<AwardResponse>>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/recognitions");
        Scopes(ApiScopes.ProgressRead, ApiScopes.ReportCardsRead, ApiScopes.Admin);
        Description(d => d.WithTags("Recognitions"));
        Summary(s => s.Summary = "A learner's recognitions (LD.5), with the evidence behind each, revoked and flagged ones included");
    }

    public override async Task HandleAsync(LearnerRecognitionsRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var summary = await session.SummaryAsync(tenant.TenantId, req.LearnerId, ct);
        var definitions = (await session.Query<RecognitionDocument>().ToListAsync(ct)).ToDictionary(r => r.Id);
        var record = summary is null ? null : await session.WithEvidenceAsync(summary, summary.Record.AllAwards.SelectMany(a => a.Awarded.EvidenceIds), ct);
        await Send.OkAsync(record is null ? [] : record.AllAwards.Select(a => AwardResponse.From(a, record, definitions.GetValueOrDefault(a.Awarded.RecognitionId))).ToList(), ct);
    }
}
