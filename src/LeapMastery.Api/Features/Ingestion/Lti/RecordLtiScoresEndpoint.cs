using System.Text.Json;
using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using NodaTime;

using LeapMastery.Interop.Results;
using LeapMastery.Interop.Lti;

namespace LeapMastery.Api.Features.Ingestion.Lti;

public sealed class RecordLtiScoresRequest
{
    /// <summary>The AGS line item the scores are for (its id/URL), as listed in an assessment's externalIds with system "lti".</summary>
    [QueryParam] public string? LineItem { get; set; }
    /// <summary>One AGS Score object ({userId, scoreGiven, scoreMaximum, activityProgress, gradingProgress, timestamp, comment}) or an array of them.</summary>
    [FromBody] public JsonElement Body { get; set; }
}

public sealed class RecordLtiScoresValidator : Validator<RecordLtiScoresRequest>
{
    public RecordLtiScoresValidator() => RuleFor(x => x.LineItem).NotEmpty().WithName("lineItem");
}

public sealed class RecordLtiScoresEndpoint(ResultIngestor ingestor)
    : Endpoint<RecordLtiScoresRequest, BatchResult>
{
    public override void Configure()
    {
        Post("/lti/scores");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Ingestion"));
        Summary(s =>
        {
            s.Summary = "Record LTI Advantage AGS scores for a line item";
            s.Description = "Only gradingProgress FullyGraded counts; other scores are held (kept, not counted) until a fully graded one arrives. A new score for the same user and line item corrects the evidence; the same score again changes nothing.";
        });
    }

    public override async Task HandleAsync(RecordLtiScoresRequest req, CancellationToken ct)
    {
        await Send.OkAsync(await ingestor.IngestAsync(context =>
            JsonFields.Items(req.Body, "scores").Select((score, i) => LtiScoreMapper.Map(i, score, req.LineItem!, context)), HttpContext, ct), ct);
    }
}
