using NodaTime;

namespace LeapMastery.Api.Features.Webhooks;

/// <summary>A client's subscription: the changes of the given types are POSTed to its URL, signed with its secret.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    public string TenantId { get; set; } = "";
    /// <summary>The API client that owns it (only that client sees and manages it).</summary>
    public string ClientId { get; set; } = "";
    public string Url { get; set; } = "";
    public List<string> Types { get; set; } = [];
    /// <summary>The signing secret (Standard Webhooks form <c>whsec_…</c>), encrypted (<see cref="WebhookSecrets"/>): signing needs it, a database dump must not reveal it.</summary>
    public string EncryptedSecret { get; set; } = "";
    /// <summary>The secret in plain text, as releases before encryption stored it; empty once the dispatcher has encrypted it at start-up.</summary>
    public string Secret { get; set; } = "";
    public Instant CreatedAt { get; set; }
    /// <summary>Changes up to this feed position (as of the subscription's creation) are not delivered.</summary>
    public long StartAfter { get; set; }
}

/// <summary>A webhook's signing secret at rest.</summary>
public static class WebhookSecrets
{
    private const string Purpose = "leapmastery webhook secrets";

    public static void Keep(this WebhookSubscription subscription, string secret, Infrastructure.Auth.SecretsAtRest secrets)
    {
        subscription.EncryptedSecret = secrets.EncryptText(Purpose, subscription.Id, secret);
        subscription.Secret = "";
    }

    public static string SecretOf(this WebhookSubscription subscription, Infrastructure.Auth.SecretsAtRest secrets) =>
        subscription.EncryptedSecret.Length > 0 ? secrets.DecryptText(Purpose, subscription.Id, subscription.EncryptedSecret) : subscription.Secret;
}

/// <summary>How far the dispatcher has turned a subscription's changes into deliveries (kept apart from the subscription, so a delete is never undone by the dispatcher).</summary>
public sealed class WebhookCursor
{
    public Guid Id { get; set; }
    public long Position { get; set; }
}

/// <summary>Where a delivery stands: pending (due now or later), delivered (the receiver answered 2xx) or failed (out of attempts).</summary>
public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

public static class DeliveryStatuses
{
    /// <summary>The statuses as the API writes them (camelCase): pending, delivered, failed.</summary>
    public static readonly IReadOnlyList<string> WireNames =
        Enum.GetValues<DeliveryStatus>().Select(s => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.ToString())).ToList();

    /// <summary>A status by its wire name (exactly as the API writes it).</summary>
    public static bool TryParse(string? wire, out DeliveryStatus status)
    {
        var i = wire is null ? -1 : WireNames.ToList().IndexOf(wire);
        status = i < 0 ? default : Enum.GetValues<DeliveryStatus>()[i];
        return i >= 0;
    }
}

/// <summary>One change to deliver to one subscription; its body is fixed when created, so every attempt sends the same bytes.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid WebhookId { get; set; }
    public long Sequence { get; set; }
    public Guid ChangeId { get; set; }
    public string ChangeType { get; set; } = "";
    public string Body { get; set; } = "";
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;
    /// <summary>HTTP attempts so far, in all.</summary>
    public int Attempts { get; set; }
    /// <summary>When <see cref="Attempts"/> reaches this, the delivery is marked failed (a redelivery raises it by one pass).</summary>
    public int AttemptLimit { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant NextAttemptAt { get; set; }
    /// <summary><see cref="NextAttemptAt"/> in Unix milliseconds, for the dispatcher's query.</summary>
    public long DueAtUnixMs { get; set; }
    public Instant? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public Instant? DeliveredAt { get; set; }
}
