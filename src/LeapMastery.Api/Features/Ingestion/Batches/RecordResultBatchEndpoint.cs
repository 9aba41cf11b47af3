using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using NodaTime;

namespace LeapMastery.Api.Features.Ingestion.Batches;

public sealed class ResultBatchBody
{
    /// <summary>1 to 5,000 results in the native shape.</summary>
    public List<ResultBody> Items { get; set; } = [];
}

public sealed class RecordResultBatchRequest
{
    [FromBody] public ResultBatchBody Body { get; set; } = new();
}

public sealed class RecordResultBatchValidator : Validator<RecordResultBatchRequest>
{
    public const int MaxItems = 5000;

    public RecordResultBatchValidator() =>
        RuleFor(x => x.Body.Items).NotEmpty().Must(i => i.Count <= MaxItems).OverridePropertyName("items")
            .WithMessage($"Send 1 to {MaxItems} items per batch.");
}

public sealed class RecordResultBatchEndpoint(ResultIngestor ingestor)
    : Endpoint<RecordResultBatchRequest, BatchResult>
{
    public override void Configure()
    {
        Post("/results/batches");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Ingestion"));
        Summary(s =>
        {
            s.Summary = "Record many results; each item succeeds or fails on its own";
            s.Description = "Answers 200 with a status per item (recorded, duplicate, failed with problem details) and a summary. Resubmitting the same batch records nothing new. Every item reported recorded is durably stored.";
        });
    }

    public override async Task HandleAsync(RecordResultBatchRequest req, CancellationToken ct)
    {
        await Send.OkAsync(await ingestor.IngestAsync(context => req.Body.Items.Select((body, i) => context.Native(i, body)), HttpContext, ct), ct);
    }
}
