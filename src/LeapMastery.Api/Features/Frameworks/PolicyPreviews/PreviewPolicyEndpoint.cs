using System.Globalization;
using CsvHelper;
using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Features.Recognitions;
using LeapMastery.Api.Features.ReportCards;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Recognitions;
using Marten;
using Microsoft.Net.Http.Headers;

namespace LeapMastery.Api.Features.Frameworks.PolicyPreviews;

public sealed class PolicyPreviewBody
{
    /// <summary>The group whose learners are previewed.</summary>
    public string GroupId { get; set; } = "";
    /// <summary>The framework's default policy to preview (as in a framework); absent keeps the policy in force.</summary>
    public PolicyContract? Policy { get; set; }
    /// <summary>The mastery threshold to preview (a score on the framework's scale); absent keeps the one in force.</summary>
    public decimal? MasteryThreshold { get; set; }
}

public sealed class PreviewPolicyRequest
{
    /// <summary>The framework's id.</summary>
    public Guid FrameworkId { get; set; }

    [FromBody] public PolicyPreviewBody Body { get; set; } = new();
}

public sealed class PreviewPolicyValidator : Validator<PreviewPolicyRequest>
{
    public PreviewPolicyValidator()
    {
        RuleFor(x => x.Body.GroupId).NotEmpty().MaximumLength(128).OverridePropertyName("groupId");
        RuleFor(x => x.Body).Must(b => b.Policy is not null || b.MasteryThreshold is not null).OverridePropertyName("policy")
            .WithMessage("Give a policy, a masteryThreshold or both to preview.");
        When(x => x.Body.Policy is not null, () => RuleFor(x => x.Body.Policy!.Method).NotEmpty().OverridePropertyName("policy.method"));
    }
}

public sealed class MasteryPreviewResponse
{
    public decimal? Score { get; set; }
    public LevelResponse? Level { get; set; }
    public bool Mastered { get; set; }
}

public sealed class CompetencyPreviewResponse
{
    public Guid CompetencyId { get; set; }
    public string Code { get; set; } = "";
    public MasteryPreviewResponse Current { get; set; } = new();
    public MasteryPreviewResponse Previewed { get; set; } = new();
    /// <summary>gains, loses, keepsMastery or staysNotMastered.</summary>
    public MasteryChange Change { get; set; }
}

public sealed class RecognitionPreviewResponse
{
    public Guid RecognitionId { get; set; }
    public string Code { get; set; } = "";
    /// <summary>The award that would be flagged or cleared (absent for a recognition that would be earned).</summary>
    public Guid? AwardId { get; set; }
}

public sealed class LearnerPreviewResponse
{
    public string LearnerId { get; set; } = "";
    /// <summary>Each competency of the framework the learner has evidence on.</summary>
    public List<CompetencyPreviewResponse> Competencies { get; set; } = [];
    /// <summary>Recognitions the learner would be awarded.</summary>
    public List<RecognitionPreviewResponse> WouldEarn { get; set; } = [];
    /// <summary>Awards the learner holds that would be flagged for review (never taken away).</summary>
    public List<RecognitionPreviewResponse> WouldFlag { get; set; } = [];
    /// <summary>Flagged awards whose criteria would be met again (their review flag cleared).</summary>
    public List<RecognitionPreviewResponse> WouldClearReview { get; set; } = [];
}

public sealed class PolicyPreviewTotalsResponse
{
    public int Learners { get; set; }
    /// <summary>Learner × competency pairs that would gain mastery.</summary>
    public int Gains { get; set; }
    public int Loses { get; set; }
    public int KeepsMastery { get; set; }
    public int StaysNotMastered { get; set; }
    public int RecognitionsEarned { get; set; }
    public int AwardsFlagged { get; set; }
    public int ReviewsCleared { get; set; }
}

public sealed class PolicyPreviewResponse
{
    public Guid FrameworkId { get; set; }
    /// <summary>The version in force that the preview starts from.</summary>
    public int FrameworkVersion { get; set; }
    public string GroupId { get; set; } = "";
    /// <summary>The previewed default policy and threshold.</summary>
    public PolicyContract Policy { get; set; } = new();
    public decimal MasteryThreshold { get; set; }
    public PolicyPreviewTotalsResponse Totals { get; set; } = new();
    public List<LearnerPreviewResponse> Learners { get; set; } = [];
}

/// <summary>
/// Previews a change of a framework's policy over a group (nothing is written): per learner × competency the current
/// and the previewed score, level and mastery, with totals. A revision with the same policy then decides the same.
/// </summary>
public sealed class PreviewPolicyEndpoint(TenantContext tenant, ReportCardSource source, LearnerConsequenceService consequences, ILogger<PreviewPolicyEndpoint> logger)
    : Endpoint<PreviewPolicyRequest, PolicyPreviewResponse>
{
    private const int Page = 100;

    public override void Configure()
    {
        Post("/frameworks/{frameworkId:guid}/policy-previews");
        Scopes(ApiScopes.FrameworksWrite);
        Description(d => d.WithTags("Frameworks").Produces<PolicyPreviewResponse>(200, "application/json").Produces(200, typeof(string), "text/csv").Produces(404));
        Summary(s =>
        {
            s.Summary = "Preview a policy change over a group (nothing is written)";
            s.Description = "Per learner × competency with evidence: the current and the previewed score, level and mastery, and whether mastery is gained, lost or kept; per learner, the recognitions that would be earned, the awards that would be flagged for review and the flagged ones whose review would clear; and totals. Competency-level policies stay as they are. With Accept: text/csv the rows are streamed (learner_id, competency_code, competency_id, current_score, current_level, current_mastered, previewed_score, previewed_level, previewed_mastered, change). Revising the framework with the same policy then decides the same.";
        });
    }

    public override async Task HandleAsync(PreviewPolicyRequest req, CancellationToken ct)
    {
        FrameworkDocument? framework;
        LearnerConsequenceService.Context context;
        await using (var query = tenant.QuerySession())
        {
            framework = await query.LoadAsync<FrameworkDocument>(req.FrameworkId, ct);
            context = await consequences.LoadAsync(query, tenant.ClientId, ct);
        }
        if (framework is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No framework {req.FrameworkId} in this tenant."));
            return;
        }
        var errors = new List<DomainError>();
        var policy = req.Body.Policy is { } p ? FrameworkMapping.ToPolicy(p, "policy", errors) : null;
        var previewed = PolicyPreview.Proposed(framework.Definition, policy, req.Body.MasteryThreshold);
        if (errors.Count == 0)
            errors.AddRange(PolicyPreview.Validate(previewed).Select(e => e.Field == "scale.masteryThreshold" ? e with { Field = "masteryThreshold" } : e));
        if (errors.Count > 0)
        {
            foreach (var e in errors) ValidationFailures.Add(new ValidationFailure(e.Field, e.Message));
            ThrowIfAnyErrors();
            return;
        }
        var members = await source.MembersAsync(req.Body.GroupId, ct);
        if (members is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No group {req.Body.GroupId} in this tenant."));
            return;
        }

        var current = new FrameworkInForce(framework.Id, framework.Version, framework.Definition);
        var proposed = current with { Definition = previewed };
        var others = context.OthersThan(framework.Id);
        var codes = context.Recognitions.ToDictionary(r => r.RecognitionId, r => r.Definition.Code);

        async IAsyncEnumerable<LearnerPolicyPreview> PreviewsAsync()
        {
            foreach (var chunk in members.Distinct(StringComparer.Ordinal).Chunk(Page))
            {
                var records = await source.RecordsAsync(chunk, ct);
                foreach (var learner in chunk)
                    yield return PolicyPreview.ForLearner(records.GetValueOrDefault(learner) ?? LearnerRecord.Empty(learner), current, proposed, others, context.Recognitions, context.Now);
            }
        }

        if (ReportCards.Group.ReportCardCsv.IsWanted(HttpContext.Request))
        {
            await StreamCsvAsync(PreviewsAsync(), ct);
            return;
        }
        RecognitionPreviewResponse Recognition(Guid recognitionId, Guid? awardId = null) =>
            new() { RecognitionId = recognitionId, Code = codes.GetValueOrDefault(recognitionId, ""), AwardId = awardId };
        LearnerPreviewResponse Learner(LearnerPolicyPreview preview) => new()
        {
            LearnerId = preview.LearnerId,
            Competencies = preview.Competencies.Select(c => new CompetencyPreviewResponse
            {
                CompetencyId = c.Competency.Id, Code = c.Competency.Code, Current = Of(c.Current), Previewed = Of(c.Previewed), Change = c.Change,
            }).ToList(),
            WouldEarn = preview.Earned.Select(r => Recognition(r)).ToList(),
            WouldFlag = preview.Flagged.Select(f => Recognition(f.RecognitionId, f.AwardId)).ToList(),
            WouldClearReview = preview.Cleared.Select(f => Recognition(f.RecognitionId, f.AwardId)).ToList(),
        };
        var head = new PolicyPreviewResponse
        {
            FrameworkId = framework.Id, FrameworkVersion = framework.Version, GroupId = req.Body.GroupId,
            Policy = FrameworkMapping.ToContract(proposed.Definition.Policy), MasteryThreshold = proposed.Definition.Scale.MasteryThreshold,
        };
        await StreamJsonAsync(head, PreviewsAsync(), Learner, ct);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = Infrastructure.Json.JsonSetup.CreateOptions();

    /// <summary>
    /// The JSON answer, streamed as the learners are previewed (a school's answer is tens of megabytes): the framework and
    /// policy first, then each learner, then the totals (known only at the end). A failure after the stream began aborts it,
    /// so a client never receives a document that parses as complete.
    /// </summary>
    private async Task StreamJsonAsync(PolicyPreviewResponse head, IAsyncEnumerable<LearnerPolicyPreview> previews, Func<LearnerPolicyPreview, LearnerPreviewResponse> learner,
        CancellationToken ct)
    {
        HttpContext.Response.StatusCode = 200;
        HttpContext.Response.ContentType = "application/json; charset=utf-8";
        try
        {
            // Onto the response's pipe: the serializer's own flushes only hand bytes to the pipe, which is sent asynchronously below.
            var pipe = HttpContext.Response.BodyWriter;
            await using var json = new System.Text.Json.Utf8JsonWriter(pipe);
            long sent = 0;
            json.WriteStartObject();
            json.WriteString("frameworkId", head.FrameworkId);
            json.WriteNumber("frameworkVersion", head.FrameworkVersion);
            json.WriteString("groupId", head.GroupId);
            json.WritePropertyName("policy");
            System.Text.Json.JsonSerializer.Serialize(json, head.Policy, Json);
            json.WritePropertyName("masteryThreshold");
            System.Text.Json.JsonSerializer.Serialize(json, head.MasteryThreshold, Json);
            json.WriteStartArray("learners");
            var totals = PolicyPreviewTotals.Zero;
            await foreach (var preview in previews)
            {
                totals = totals.Add(preview);
                System.Text.Json.JsonSerializer.Serialize(json, learner(preview), Json);
                if (json.BytesCommitted - sent > 32 * 1024)
                {
                    sent = json.BytesCommitted;
                    await pipe.FlushAsync(ct);
                }
            }
            json.WriteEndArray();
            json.WritePropertyName("totals");
            System.Text.Json.JsonSerializer.Serialize(json, new PolicyPreviewTotalsResponse
            {
                Learners = totals.Learners, Gains = totals.Gains, Loses = totals.Loses, KeepsMastery = totals.KeepsMastery,
                StaysNotMastered = totals.StaysNotMastered, RecognitionsEarned = totals.RecognitionsEarned, AwardsFlagged = totals.AwardsFlagged,
                ReviewsCleared = totals.ReviewsCleared,
            }, Json);
            json.WriteEndObject();
            json.Flush();
            await pipe.FlushAsync(ct);
        }
        catch (Exception ex) when (HttpContext.Response.HasStarted && !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Policy preview JSON failed after streaming began; the response was aborted");
            HttpContext.Abort();
        }
    }

    private static MasteryPreviewResponse Of(MasteryResult r) => new()
    {
        Score = r.Score, Level = LevelResponse.Of(r.Level), Mastered = r.Mastered,
    };

    private async Task StreamCsvAsync(IAsyncEnumerable<LearnerPolicyPreview> previews, CancellationToken ct)
    {
        HttpContext.Response.StatusCode = 200;
        HttpContext.Response.ContentType = "text/csv; charset=utf-8";
        HttpContext.Response.Headers[HeaderNames.ContentDisposition] = "attachment; filename=\"policy-preview.csv\"";
        await using var body = new StreamWriter(HttpContext.Response.Body, new System.Text.UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        try
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var csv = CsvWriter.Create(text, ReportCards.Group.ReportCardCsv.Options, leaveOpen: true))
            {
                foreach (var column in Columns) csv.WriteField(column);
                csv.EndRecord();
            }
            await foreach (var preview in previews)
            {
                using (var csv = CsvWriter.Create(text, ReportCards.Group.ReportCardCsv.Options, leaveOpen: true))
                {
                    foreach (var c in preview.Competencies)
                    {
                        foreach (var field in new[]
                        {
                            preview.LearnerId, c.Competency.Code, c.Competency.Id.ToString(),
                            Score(c.Current), c.Current.Level?.Code ?? "", c.Current.Mastered ? "true" : "false",
                            Score(c.Previewed), c.Previewed.Level?.Code ?? "", c.Previewed.Mastered ? "true" : "false",
                            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.Change.ToString()),
                        })
                            csv.WriteField(field);
                        csv.EndRecord();
                    }
                    csv.Flush();
                }
                if (text.GetStringBuilder().Length > 32 * 1024)
                {
                    await body.WriteAsync(text.GetStringBuilder(), ct);
                    await body.FlushAsync(ct);
                    text.GetStringBuilder().Clear();
                }
            }
            await body.WriteAsync(text.GetStringBuilder(), ct);
            await body.FlushAsync(ct);
        }
        catch (Exception ex) when (HttpContext.Response.HasStarted && !ct.IsCancellationRequested)
        {
            // As the report cards: a stream that fails after it began is aborted, never left looking complete.
            logger.LogError(ex, "Policy preview CSV failed after streaming began; the response was aborted");
            HttpContext.Abort();
        }
    }

    private static readonly string[] Columns =
        ["learner_id", "competency_code", "competency_id", "current_score", "current_level", "current_mastered", "previewed_score", "previewed_level", "previewed_mastered", "change"];

    private static string Score(MasteryResult r) => r.Score?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}
