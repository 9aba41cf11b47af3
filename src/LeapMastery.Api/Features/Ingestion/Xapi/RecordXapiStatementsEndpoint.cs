using System.Text.Json;
using FastEndpoints;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using NodaTime;

using LeapMastery.Interop.Results;
using LeapMastery.Interop.Xapi;

namespace LeapMastery.Api.Features.Ingestion.Xapi;

public sealed class RecordXapiStatementsRequest
{
    /// <summary>One xAPI statement or an array of them.</summary>
    [FromBody] public JsonElement Body { get; set; }
}

public sealed class RecordXapiStatementsEndpoint(ResultIngestor ingestor)
    : Endpoint<RecordXapiStatementsRequest, BatchResult>
{
    public override void Configure()
    {
        Post("/xapi/statements");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Ingestion"));
        Summary(s =>
        {
            s.Summary = "Record xAPI statements that carry a score";
            s.Description = "Not a full LRS: statements with result.score become evidence, each item reported on its own (an LRS would answer only the ids). actor.account.name is the learner's SIS id; object.id maps to an assessment (externalIds system xapi) or a competency's CASE URI.";
        });
    }

    public override async Task HandleAsync(RecordXapiStatementsRequest req, CancellationToken ct)
    {
        await Send.OkAsync(await ingestor.IngestAsync(context => JsonFields.Items(req.Body).Select((s, i) => XapiStatementMapper.Map(i, s, context)), HttpContext, ct), ct);
    }
}
