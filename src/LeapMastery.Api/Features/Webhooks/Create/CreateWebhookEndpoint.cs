using System.Net;
using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Changes;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;

namespace LeapMastery.Api.Features.Webhooks.Create;

public sealed class WebhookBody
{
    /// <summary>The receiver's URL: https (http only on loopback addresses where the service allows it, for local development).</summary>
    public string Url { get; set; } = "";
    /// <summary>The change types to deliver (see the change feed); omit for all.</summary>
    public List<string>? Types { get; set; }
    /// <summary>Your own signing secret in the Standard Webhooks form (<c>whsec_</c> + base64 of 24 to 64 random bytes); omit to have one generated.</summary>
    public string? Secret { get; set; }
    /// <summary>Deliver the changes after this change-feed cursor (0 replays the whole history); omit to start from now.</summary>
    public string? StartAfter { get; set; }
}

public sealed class CreateWebhookRequest
{
    [FromBody] public WebhookBody Body { get; set; } = new();
}

public sealed class CreateWebhookValidator : Validator<CreateWebhookRequest>
{
    public CreateWebhookValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(x => x.Body.Url).NotEmpty().MaximumLength(2000).OverridePropertyName("url");
        RuleFor(x => x.Body.Url).Custom((url, context) =>
        {
            if (!string.IsNullOrEmpty(url) && WebhookNetwork.WhyRefused(url, options.Value) is { } why) context.AddFailure("url", why);
        });
        RuleFor(x => x.Body.Types).Must(t => t is null || (t.Count > 0 && t.All(ChangeTypes.IsKnown))).OverridePropertyName("types")
            .WithMessage($"One or more of: {string.Join(", ", ChangeTypes.All)}.");
        RuleFor(x => x.Body.Secret).Must(s => s is null || WebhookSignature.IsSecret(s)).OverridePropertyName("secret")
            .WithMessage("whsec_ followed by the base64 of 24 to 64 random bytes.");
        RuleFor(x => x.Body.StartAfter).Must(a => a is null || FeedCursor.TryParse(a, out _))
            .OverridePropertyName("startAfter").WithMessage("A change-feed cursor (0 for the beginning).");
    }
}

public sealed class CreateWebhookEndpoint(TenantContext tenant, ChangeFeedHorizon horizon, IClock clock, Infrastructure.Auth.SecretsAtRest secrets) : Endpoint<CreateWebhookRequest, WebhookResponse>
{
    public override void Configure()
    {
        Post("/webhooks");
        Scopes(ApiScopes.ReportCardsRead, ApiScopes.Admin);
        Description(d => d.WithTags("Sync").Produces<WebhookResponse>(201, "application/json").Produces(409));
        Summary(s =>
        {
            s.Summary = "Subscribe to changes: they are POSTed to your URL, signed (Standard Webhooks), at least once";
            s.Description = "Each delivery carries `webhook-id` (the same on every attempt: drop repeats), `webhook-timestamp` (Unix seconds) and " +
                            "`webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>` keyed with the secret, which this answer shows once. " +
                            "Answer 2xx within 10 s; anything else is retried with growing delays, then marked failed and can be re-driven.";
        });
    }

    public override async Task HandleAsync(CreateWebhookRequest req, CancellationToken ct)
    {
        await using var session = tenant.OpenSession();
        // One webhook per client and URL: a create retried after a timeout does not make a second one (which would double every delivery).
        var existing = await session.Query<WebhookSubscription>().FirstOrDefaultAsync(w => w.ClientId == tenant.ClientId && w.Url == req.Body.Url, ct);
        if (existing is not null)
        {
            await Send.ResultAsync(Infrastructure.Problems.Problems.Conflict($"This client already has webhook {existing.Id} for {existing.Url}; change its types by deleting it and creating it again."));
            return;
        }
        var startAfter = req.Body.StartAfter is null ? await horizon.StartingPointAsync(session.Database, ct) : FeedCursor.Parse(req.Body.StartAfter);
        var subscription = new WebhookSubscription
        {
            Id = Guid.NewGuid(), TenantId = tenant.TenantId, ClientId = tenant.ClientId, Url = req.Body.Url,
            Types = (req.Body.Types ?? ChangeTypes.All.ToList()).Distinct().ToList(),
            CreatedAt = clock.GetCurrentInstant(), StartAfter = startAfter,
        };
        var secret = req.Body.Secret ?? WebhookSignature.NewSecret();
        subscription.Keep(secret, secrets);
        session.Insert(subscription);
        await session.SaveChangesAsync(ct);
        HttpContext.Response.Headers.Location = $"/v1/webhooks/{subscription.Id}";
        await Send.ResponseAsync(WebhookResponse.From(subscription, secret), 201, ct);
    }
}
