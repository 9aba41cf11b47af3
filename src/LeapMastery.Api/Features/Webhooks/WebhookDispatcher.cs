using System.Text;
using System.Text.Json;
using LeapMastery.Api.Features.Changes;
using LeapMastery.Api.Infrastructure.Json;
using Marten;
using NodaTime;
using LeapMastery.Api.Infrastructure.Marten;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LeapMastery.Api.Features.Webhooks;

public sealed class WebhookOptions
{
    /// <summary>Run the dispatcher on this node (one node at a time dispatches: the others find the database lock taken and skip that pass).</summary>
    public bool Dispatch { get; set; } = true;
    /// <summary>How often the dispatcher looks for new changes and due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>First delay between the in-pass retries (exponential, jittered); later passes wait 30×, 60×, 120×… this.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Retries within one pass after a failed attempt.</summary>
    public int RetriesPerPass { get; set; } = 2;
    /// <summary>HTTP attempts in all before a delivery is marked failed (then only a redelivery tries it again).</summary>
    public int MaxAttempts { get; set; } = 15;
    /// <summary>Time the receiver has to answer one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Accept http:// URLs on loopback addresses (local development and tests); otherwise https only.</summary>
    public bool AllowInsecureLoopback { get; set; }
    /// <summary>Let webhooks reach private networks (an on-premises install whose SIS is on the district's network); off by default.</summary>
    public bool AllowPrivateNetworks { get; set; }
}

/// <summary>
/// Turns each subscription's changes into deliveries (in the same transaction as the subscription's cursor, so none is
/// skipped or made twice) and POSTs the due ones, signed, with retries (Polly: exponential backoff with jitter, a timeout per
/// attempt), then on later passes with growing delays. At least once: a receiver may see a delivery again (same
/// <c>webhook-id</c>) if its answer is lost. One node dispatches at a time (a PostgreSQL advisory lock).
/// </summary>
public sealed class WebhookDispatcher(
    IDocumentStore store, ChangeFeed feed, ChangeFeedHorizon horizon, IHttpClientFactory httpClients, IClock clock, Microsoft.Extensions.Options.IOptions<WebhookOptions> options,
    TenantDatabases databases, Infrastructure.Health.SchemaInitializer schema, Infrastructure.Auth.SecretsAtRest secrets, ILogger<WebhookDispatcher> logger)
    : Infrastructure.Background.OneNodeAtATime(databases, logger)
{
    public const string HttpClientName = "webhooks";
    private const long DispatcherLockKey = 0x4C45_4150_5748; // "LEAPWH"
    private static readonly JsonSerializerOptions Json = JsonSetup.CreateOptions();
    private readonly WebhookOptions _options = options.Value;

    protected override long LockKey => DispatcherLockKey;

    protected override TimeSpan PollInterval => _options.PollInterval;

    protected override bool Enabled => _options.Dispatch;

    /// <summary>The schema is applied once, at start-up: a pass before that would race it to create tables.</summary>
    protected override async Task ReadyAsync(CancellationToken ct)
    {
        await schema.Applied.WaitAsync(ct);
        foreach (var database in await Databases.AllAsync(ct))
            await UpgradeAsync(database, ct);
    }

    private async Task UpgradeAsync(TenantDatabase database, CancellationToken ct)
    {
        try
        {
            await EncryptLegacySecretsAsync(database, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Signing still reads plain-text secrets; the next start tries again.
            logger.LogWarning("Encrypting webhook secrets stored in plain text failed; will retry at the next start: {Reason}", e.Message);
        }
        try
        {
            await UpgradeLegacyDeliveryStatusesAsync(database, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Those deliveries wait (they are not seen as pending); the next start tries again.
            logger.LogWarning("Rewriting webhook delivery statuses stored by an earlier release failed; will retry at the next start: {Reason}", e.Message);
        }
    }

    /// <summary>Secrets stored in plain text by an earlier release are encrypted once, in place.</summary>
    private async Task EncryptLegacySecretsAsync(TenantDatabase database, CancellationToken ct)
    {
        List<WebhookSubscription> legacy;
        await using (var query = Databases.QueryAcrossTenants(database))
            legacy = (await query.Query<WebhookSubscription>().Where(s => s.AnyTenant() && (s.EncryptedSecret == null || s.EncryptedSecret == "") && s.Secret != null && s.Secret != "").ToListAsync(ct)).ToList();
        foreach (var tenantSubscriptions in legacy.GroupBy(s => s.TenantId))
        {
            await using var session = store.LightweightSession(tenantSubscriptions.Key);
            foreach (var subscription in tenantSubscriptions)
            {
                subscription.Keep(subscription.Secret, secrets);
                session.Update(subscription);
            }
            await session.SaveChangesAsync(ct);
        }
        if (legacy.Count > 0) logger.LogInformation("Encrypted the signing secrets of {Count} webhooks stored in plain text by an earlier release", legacy.Count);
    }

    /// <summary>
    /// Earlier releases stored a delivery's status as a lower-case string; it is the enum's name now (as Marten stores and
    /// queries enums), so those rows are rewritten once, in place, before the first pass.
    /// </summary>
    private async Task UpgradeLegacyDeliveryStatusesAsync(TenantDatabase database, CancellationToken ct)
    {
        var table = store.Options.FindOrResolveDocumentType(typeof(WebhookDelivery)).TableName.QualifiedName;
        await using var session = Databases.SessionAcrossTenants(database);
        session.QueueSqlCommand(
            $"update {table} set data = jsonb_set(data, '{{status}}', to_jsonb(initcap(data->>'status'))) where data->>'status' in ('pending', 'delivered', 'failed')");
        await session.SaveChangesAsync(ct);
    }

    protected override async Task PassAsync(TenantDatabase database, CancellationToken ct)
    {
        List<WebhookSubscription> subscriptions;
        await using (var query = Databases.QueryAcrossTenants(database))
            subscriptions = (await query.Query<WebhookSubscription>().Where(s => s.AnyTenant()).ToListAsync(ct)).ToList();
        if (subscriptions.Count == 0) return;
        // One safe horizon for the whole pass over this database: every subscription of its tenants reads the feed up to it.
        var upTo = await horizon.SafeHorizonAsync(database.Marten, 0, ct);
        // Webhooks are served side by side, so a slow or dead receiver does not hold up the others.
        await Parallel.ForEachAsync(subscriptions, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (subscription, token) =>
        {
            try
            {
                await EnqueueAsync(subscription, upTo, token);
                await DeliverDueAsync(subscription, token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                Logger.LogError(ex, "Webhook {WebhookId}: dispatch failed this pass; it is tried again next pass", subscription.Id);
            }
        });
    }

    public static Guid DeliveryId(Guid webhookId, Guid changeId) => Infrastructure.NameBasedGuid.Create($"delivery\n{webhookId}\n{changeId}");

    private async Task EnqueueAsync(WebhookSubscription subscription, long upTo, CancellationToken ct)
    {
        var types = subscription.Types.ToHashSet(StringComparer.Ordinal);
        for (var pages = 0; pages < 10; pages++)
        {
            await using var session = store.LightweightSession(subscription.TenantId);
            var cursor = await session.LoadAsync<WebhookCursor>(subscription.Id, ct) ?? new WebhookCursor { Id = subscription.Id, Position = subscription.StartAfter };
            if (cursor.Position >= upTo) return;
            var page = await feed.ReadUpToAsync(session, cursor.Position, upTo, 200, types, ct);
            var next = long.Parse(page.NextCursor);
            if (next == cursor.Position) return;
            var now = clock.GetCurrentInstant();
            foreach (var change in page.Items)
            {
                session.Store(new WebhookDelivery
                {
                    Id = DeliveryId(subscription.Id, change.Id), WebhookId = subscription.Id, Sequence = long.Parse(change.Cursor), ChangeId = change.Id,
                    ChangeType = change.Type, Body = JsonSerializer.Serialize(new WebhookPayload { Type = change.Type, Timestamp = change.RecordedAt, Data = change }, Json),
                    Status = DeliveryStatus.Pending, AttemptLimit = _options.MaxAttempts, CreatedAt = now, NextAttemptAt = now, DueAtUnixMs = now.ToUnixTimeMilliseconds(),
                });
            }
            cursor.Position = next;
            session.Store(cursor);
            await session.SaveChangesAsync(ct);
            if (!page.HasMore) return;
        }
    }

    private async Task DeliverDueAsync(WebhookSubscription subscription, CancellationToken ct)
    {
        await using var session = store.LightweightSession(subscription.TenantId);
        var nowMs = clock.GetCurrentInstant().ToUnixTimeMilliseconds();
        var due = await session.Query<WebhookDelivery>()
            .Where(d => d.WebhookId == subscription.Id && d.Status == DeliveryStatus.Pending && d.DueAtUnixMs <= nowMs)
            .OrderBy(d => d.Sequence).Take(100).ToListAsync(ct);
        foreach (var delivery in due)
        {
            await SendAsync(subscription, delivery, ct);
            session.Store(delivery);
            await session.SaveChangesAsync(ct);
            // A receiver that failed all of this pass's attempts gets no more calls this pass; its due deliveries wait for the next.
            if (delivery.Status != DeliveryStatus.Delivered) return;
        }
    }

    private async Task SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken ct)
    {
        var http = httpClients.CreateClient(HttpClientName);
        var attempts = 0;
        int? lastStatus = null;
        string? lastError = null;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>().Handle<TimeoutRejectedException>().HandleResult(r => !r.IsSuccessStatusCode),
                MaxRetryAttempts = Math.Max(0, Math.Min(_options.RetriesPerPass, delivery.AttemptLimit - delivery.Attempts - 1)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(_options.Timeout)
            .Build();

        HttpResponseMessage? response = null;
        try
        {
            response = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                var timestamp = clock.GetCurrentInstant().ToUnixTimeSeconds();
                using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
                {
                    Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("webhook-id", delivery.Id.ToString());
                request.Headers.Add("webhook-timestamp", timestamp.ToString());
                request.Headers.Add("webhook-signature", WebhookSignature.Sign(subscription.SecretOf(secrets), delivery.Id.ToString(), timestamp, delivery.Body));
                try
                {
                    var answer = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                    lastStatus = (int)answer.StatusCode;
                    lastError = answer.IsSuccessStatusCode ? null : $"The receiver answered {(int)answer.StatusCode} {answer.ReasonPhrase}.";
                    return answer;
                }
                catch (HttpRequestException ex)
                {
                    lastStatus = null;
                    lastError = $"No answer: {ex.Message}";
                    throw;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    lastStatus = null;
                    lastError = $"No answer within {_options.Timeout.TotalSeconds:0.#} s.";
                    throw;
                }
            }, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            lastError ??= ex.Message;
        }

        var now = clock.GetCurrentInstant();
        delivery.Attempts += attempts;
        delivery.LastAttemptAt = now;
        delivery.LastStatusCode = lastStatus;
        delivery.LastError = lastError;
        if (response is { IsSuccessStatusCode: true })
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            delivery.LastError = null;
        }
        else if (delivery.Attempts >= delivery.AttemptLimit)
        {
            delivery.Status = DeliveryStatus.Failed;
            Logger.LogWarning("Webhook delivery {DeliveryId} to {WebhookId} failed after {Attempts} attempts: {Error}", delivery.Id, subscription.Id, delivery.Attempts, lastError);
        }
        else
        {
            delivery.NextAttemptAt = now + WebhookBackoff.WaitAfter(delivery.Attempts, _options.RetriesPerPass, _options.RetryDelay);
            delivery.DueAtUnixMs = delivery.NextAttemptAt.ToUnixTimeMilliseconds();
        }
        response?.Dispose();
    }
}
