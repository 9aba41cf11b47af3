using NodaTime;

namespace LeapMastery.Api.Features.Webhooks;

public sealed class WebhookResponse
{
    public Guid WebhookId { get; set; }
    /// <summary>Where the changes are POSTed.</summary>
    public string Url { get; set; } = "";
    /// <summary>The change types delivered.</summary>
    public List<string> Types { get; set; } = [];
    public Instant CreatedAt { get; set; }
    /// <summary>Changes after this feed cursor are delivered (the feed's position when the webhook was created).</summary>
    public string StartsAfter { get; set; } = "0";
    /// <summary>The signing secret: returned once, by the create call only (null elsewhere).</summary>
    public string? Secret { get; set; }

    public static WebhookResponse From(WebhookSubscription s, string? secret = null) => new()
    {
        WebhookId = s.Id, Url = s.Url, Types = s.Types, CreatedAt = s.CreatedAt, StartsAfter = s.StartAfter.ToString(),
        Secret = secret,
    };
}

public sealed class DeliveryResponse
{
    public Guid DeliveryId { get; set; }
    public Guid WebhookId { get; set; }
    /// <summary>The change delivered: its feed cursor, id and type.</summary>
    public string ChangeCursor { get; set; } = "";
    public Guid ChangeId { get; set; }
    public string ChangeType { get; set; } = "";
    /// <summary>pending (not yet delivered; retried on its schedule), delivered, or failed (retries exhausted: re-drive it).</summary>
    public DeliveryStatus Status { get; set; }
    /// <summary>HTTP attempts so far.</summary>
    public int Attempts { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? LastAttemptAt { get; set; }
    /// <summary>For a pending delivery: when it is tried next.</summary>
    public Instant? NextAttemptAt { get; set; }
    /// <summary>The receiver's HTTP status on the last attempt (null when it did not answer).</summary>
    public int? LastStatusCode { get; set; }
    /// <summary>What went wrong on the last attempt.</summary>
    public string? LastError { get; set; }
    public Instant? DeliveredAt { get; set; }

    public static DeliveryResponse From(WebhookDelivery d) => new()
    {
        DeliveryId = d.Id, WebhookId = d.WebhookId, ChangeCursor = d.Sequence.ToString(), ChangeId = d.ChangeId, ChangeType = d.ChangeType,
        Status = d.Status, Attempts = d.Attempts, CreatedAt = d.CreatedAt, LastAttemptAt = d.LastAttemptAt,
        NextAttemptAt = d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, LastStatusCode = d.LastStatusCode, LastError = d.LastError,
        DeliveredAt = d.DeliveredAt,
    };
}

/// <summary>The body POSTed to a webhook (Standard Webhooks payload shape).</summary>
public sealed class WebhookPayload
{
    /// <summary>The change type.</summary>
    public string Type { get; set; } = "";
    /// <summary>When the change was recorded.</summary>
    public Instant Timestamp { get; set; }
    /// <summary>The change, exactly as the change feed shows it.</summary>
    public Changes.ChangeResponse Data { get; set; } = new();
}

public sealed class WebhookRouteRequest
{
    /// <summary>The webhook's id (from its creation).</summary>
    public Guid WebhookId { get; set; }
}
