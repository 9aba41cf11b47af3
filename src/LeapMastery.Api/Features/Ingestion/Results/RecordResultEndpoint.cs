using FastEndpoints;
using FluentValidation.Results;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Evidence.Get;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using NodaTime;

namespace LeapMastery.Api.Features.Ingestion.Results;

public sealed class RecordResultRequest
{
    [FromBody] public ResultBody Body { get; set; } = new();
}

public sealed class RecordResultEndpoint(ResultIngestor ingestor) : Endpoint<RecordResultRequest, ItemResult>
{
    public override void Configure()
    {
        Post("/results");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Ingestion").Produces<ItemResult>(201, "application/json").Produces<ItemResult>(200, "application/json").Produces(503));
        Summary(s =>
        {
            s.Summary = "Record one result (the native shape: evidence plus learnerId)";
            s.Description = "201 when recorded (Location: the evidence); 200 when the same sourceSystem + sourceId was recorded before (nothing recorded again).";
        });
    }

    public override async Task HandleAsync(RecordResultRequest req, CancellationToken ct)
    {
        var result = (await ingestor.IngestAsync(context => [context.Native(0, req.Body)], HttpContext, ct)).Items.Single();
        switch (result.Status)
        {
            case BatchItemStatus.Failed when result.Problem!.Status == 400:
                foreach (var e in result.Problem.Errors ?? []) ValidationFailures.Add(new ValidationFailure(e.Name, e.Reason));
                ThrowIfAnyErrors();
                break;
            case BatchItemStatus.Failed:
                await Send.ResultAsync(TypedResults.Json(result.Problem, statusCode: result.Problem!.Status, contentType: "application/problem+json"));
                break;
            case BatchItemStatus.Recorded:
                await Send.CreatedAtAsync<GetEvidenceEndpoint>(new { learnerId = result.LearnerId, evidenceId = result.EvidenceId }, result, cancellation: ct);
                break;
            default:
                await Send.OkAsync(result, ct);
                break;
        }
    }
}
