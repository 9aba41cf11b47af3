using System.Text.Json;
using FastEndpoints;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using NodaTime;

using LeapMastery.Interop.Results;
using LeapMastery.Interop.OneRoster;

namespace LeapMastery.Api.Features.Ingestion.OneRoster;

public sealed class RecordOneRosterResultsRequest
{
    /// <summary>{"assessmentResults": [...]} or {"assessmentResult": {...}} (OneRoster 1.2 Gradebook).</summary>
    [FromBody] public JsonElement Body { get; set; }
}

public sealed class RecordOneRosterResultsEndpoint(ResultIngestor ingestor)
    : Endpoint<RecordOneRosterResultsRequest, BatchResult>
{
    public override void Configure()
    {
        Post("/oneroster/assessment-results");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Ingestion"));
        Summary(s =>
        {
            s.Summary = "Record OneRoster 1.2 assessment results";
            s.Description = "learningObjectiveSet results map to competencies by CASE identifier; the line item maps to an assessment by externalIds (system oneroster). Only scoreStatus 'fully graded' counts; others are held. A new score for the same result (sourcedId) corrects the evidence.";
        });
    }

    public override async Task HandleAsync(RecordOneRosterResultsRequest req, CancellationToken ct)
    {
        await Send.OkAsync(await ingestor.IngestAsync(context => JsonFields.Items(req.Body, "assessmentResults", "assessmentResult")
            .Select((r, i) => OneRosterResultMapper.Map(i, r, context)), HttpContext, ct), ct);
    }
}
