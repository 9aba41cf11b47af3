using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeapMastery.Api.Tests.Sync;

/// <summary>A real HTTP receiver on a loopback port (Kestrel), answering as the test tells it.</summary>
public sealed class Receiver : IAsyncDisposable
{
    public sealed record Call(string WebhookId, string Timestamp, string Signature, string Body, int Answered);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    public ConcurrentQueue<Call> Calls { get; } = new();
    /// <summary>(webhook-id, attempt number for that id) → HTTP status to answer.</summary>
    public Func<string, int, int> Behaviour { get; set; } = (_, _) => 200;
    public string Url { get; private set; } = "";

    private Receiver(WebApplication app) => _app = app;

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.MapPost("/hook", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var id = ctx.Request.Headers["webhook-id"].ToString();
            var n = receiver._attempts.AddOrUpdate(id, 1, (_, c) => c + 1);
            var status = receiver.Behaviour(id, n);
            receiver.Calls.Enqueue(new Call(id, ctx.Request.Headers["webhook-timestamp"].ToString(), ctx.Request.Headers["webhook-signature"].ToString(), body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>Verifies a call as a receiver would, by the Standard Webhooks rules, independently of the service's code.</summary>
    public static bool SignatureIsValid(Call call, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{call.WebhookId}.{call.Timestamp}.{call.Body}")));
        var fresh = Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(call.Timestamp)) < 300;
        return fresh && call.Signature.Split(' ').Any(s => s == "v1," + expected);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class WebhookTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static Task<List<JsonElement>> FeedAsync(HttpClient http, string types) => ChangeFeedReader.ReadAllAsync(http, $"&types={types}");

    private static async Task Eventually(Func<Task<bool>> condition, string because)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        (await condition()).Should().BeTrue(because);
    }

    [Theory]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://[fc00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://167772161/hook")]
    [InlineData("https://0x0a.0.0.1/hook")]
    [InlineData("https://10.1/hook")]
    [InlineData("https://012.0.0.1/hook")]
    [InlineData(" https://sis.example.org/leap")]
    [InlineData("https://sis.example.org/leap\t")]
    [InlineData("https://user:pw@sis.example.org/leap")]
    [InlineData("http://sis.example.org/leap")]
    public async Task A_webhook_to_a_non_public_address_in_any_spelling_is_refused_at_creation(string url)
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var problem = await (await http.PostAsJsonAsync("/v1/webhooks", new { url })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Equal("url");
        (await (await http.GetAsync("/v1/webhooks")).ShouldBeOkJsonAsync()).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_then_succeeds_gets_every_event_signed_and_none_is_lost()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Behaviour = (_, attempt) => attempt <= 2 ? 500 : 204;
        var s = await FrameworkSetup.CreateAsync(api, method: "mostRecent");
        var webhook = await (await s.Http.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url, types = new[] { "evidenceRecorded", "masteryReached", "masteryLost" } }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var secret = webhook.GetProperty("secret").GetString()!;
        secret.Should().StartWith("whsec_");
        var webhookId = webhook.GetProperty("webhookId").GetGuid();

        foreach (var (learner, code, level) in new[] { ("w-1", "A", "3"), ("w-2", "A", "4"), ("w-1", "B", "3"), ("w-1", "A", "1"), ("w-3", "C", "2") })
            (await s.PostEvidenceAsync(learner, code, level)).StatusCode.Should().Be(HttpStatusCode.Created);

        var expected = await FeedAsync(s.Http, "evidenceRecorded,masteryReached,masteryLost");
        expected.Should().HaveCount(5 + 3 + 1);
        await Eventually(async () => (await FeedAsync(s.Http, "evidenceRecorded,masteryReached,masteryLost")).Count == expected.Count
            && receiver.Calls.Where(c => c.Answered == 204).Select(c => c.WebhookId).Distinct().Count() >= expected.Count, "every change is delivered");

        var delivered = receiver.Calls.Where(c => c.Answered == 204).ToList();
        delivered.Should().OnlyContain(c => Receiver.SignatureIsValid(c, secret), "each delivery is signed with the webhook's secret over id, timestamp and body");
        var changes = delivered.Select(c => JsonDocument.Parse(c.Body).RootElement).ToList();
        changes.Select(c => c.GetProperty("data").GetProperty("id").GetGuid()).Should().BeEquivalentTo(expected.Select(e => e.GetProperty("id").GetGuid()),
            "no change is lost and none is delivered twice after success");
        changes.Should().OnlyContain(c => c.GetProperty("type").GetString() == c.GetProperty("data").GetProperty("type").GetString());
        receiver.Calls.GroupBy(c => c.WebhookId).Should().OnlyContain(g => g.Count() == 3, "two failures, then the success");
        receiver.Calls.Where(c => !Receiver.SignatureIsValid(c, secret)).Should().BeEmpty("retries are signed too");
        receiver.Calls.Any(c => Receiver.SignatureIsValid(c, "whsec_" + Convert.ToBase64String(new byte[32]))).Should().BeFalse("a wrong secret does not verify");

        // The receiver sees a call before the dispatcher stores its outcome: wait for the stored state, then check it.
        JsonElement deliveries = default;
        await Eventually(async () =>
        {
            deliveries = await (await s.Http.GetAsync($"/v1/webhooks/{webhookId}/deliveries?limit=500")).ShouldBeOkJsonAsync();
            return deliveries.GetProperty("items").EnumerateArray().All(d => d.GetProperty("status").GetString() == "delivered");
        }, "every delivery is stored as delivered");
        deliveries.GetProperty("items").EnumerateArray().Should().HaveCount(expected.Count)
            .And.OnlyContain(d => d.GetProperty("status").GetString() == "delivered" && d.GetProperty("attempts").GetInt32() == 3);
    }

    [Fact]
    public async Task A_failed_delivery_is_visible_with_its_error_and_is_re_driven_through_the_api()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Behaviour = (_, _) => 503;
        var s = await FrameworkSetup.CreateAsync(api);
        var webhook = await (await s.Http.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url, types = new[] { "evidenceRecorded" } }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var webhookId = webhook.GetProperty("webhookId").GetGuid();
        (await s.PostEvidenceAsync("f-1", "A", "3")).StatusCode.Should().Be(HttpStatusCode.Created);

        JsonElement failed = default;
        await Eventually(async () =>
        {
            var page = await (await s.Http.GetAsync($"/v1/webhooks/{webhookId}/deliveries?status=failed")).ShouldBeOkJsonAsync();
            if (page.GetProperty("items").GetArrayLength() == 0) return false;
            failed = page.GetProperty("items")[0].Clone();
            return true;
        }, "the delivery fails after its attempts");
        failed.GetProperty("attempts").GetInt32().Should().Be(6);
        failed.GetProperty("lastStatusCode").GetInt32().Should().Be(503);
        failed.GetProperty("lastError").GetString().Should().Contain("503");
        receiver.Calls.Should().HaveCount(6);

        receiver.Behaviour = (_, _) => 200;
        var redriven = await (await s.Http.PostAsync($"/v1/webhooks/{webhookId}/deliveries/{failed.GetProperty("deliveryId").GetGuid()}/redelivery", null))
            .ShouldBeOkJsonAsync(HttpStatusCode.Accepted);
        redriven.GetProperty("status").GetString().Should().Be("pending");
        await Eventually(async () =>
        {
            var page = await (await s.Http.GetAsync($"/v1/webhooks/{webhookId}/deliveries?status=delivered")).ShouldBeOkJsonAsync();
            return page.GetProperty("items").GetArrayLength() == 1;
        }, "the re-driven delivery arrives");
        receiver.Calls.Last().Answered.Should().Be(200);
        receiver.Calls.Select(c => c.WebhookId).Distinct().Should().ContainSingle("the same webhook-id on every attempt");
        await (await s.Http.PostAsync($"/v1/webhooks/{webhookId}/deliveries/{Guid.NewGuid()}/redelivery", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Subscriptions_are_validated_owned_by_their_client_and_invisible_to_other_tenants()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var bad = await (await s.Http.PostAsJsonAsync("/v1/webhooks", new { url = "ftp://example.org/x", types = new[] { "gradeChanged" }, secret = "plain", startAfter = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.FieldErrors().Should().Contain(["url", "types", "secret", "startAfter"]);
        (await (await s.Http.PostAsJsonAsync("/v1/webhooks", new { url = "http://example.org/hook" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors().Should().Contain("url", "plain http only on loopback");
        (await s.Http.GetAsync("/v1/webhooks")).StatusCode.Should().Be(HttpStatusCode.OK);

        var created = await (await s.Http.PostAsJsonAsync("/v1/webhooks", new { url = "https://sis.example.org/leap" })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var again = await (await s.Http.PostAsJsonAsync("/v1/webhooks", new { url = "https://sis.example.org/leap" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        again.GetProperty("detail").GetString().Should().Contain(created.GetProperty("webhookId").GetString(), "a retried create names the webhook it already made");
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => s.Http.PostAsJsonAsync("/v1/webhooks", new { url = "https://sis.example.org/race" })));
        racing.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1, "concurrent creates make one webhook");
        racing.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict, "the losers get 409, never a 500");
        var id = created.GetProperty("webhookId").GetGuid();
        created.GetProperty("types").GetArrayLength().Should().Be(10, "all types by default");
        var listed = await (await s.Http.GetAsync("/v1/webhooks")).ShouldBeOkJsonAsync();
        listed.GetArrayLength().Should().Be(2);
        listed.EnumerateArray().Should().OnlyContain(w => w.GetProperty("secret").ValueKind == JsonValueKind.Null, "the secret is shown once");

        var b = await api.NewTenantAsync();
        using var other = await b.AdminAsync();
        (await (await other.GetAsync("/v1/webhooks")).ShouldBeOkJsonAsync()).GetArrayLength().Should().Be(0);
        await (await other.GetAsync($"/v1/webhooks/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/v1/webhooks/{id}/deliveries")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"/v1/webhooks/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await s.Http.DeleteAsync($"/v1/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await s.Http.GetAsync($"/v1/webhooks/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class WebhookNetworkTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("192.0.0.8", false)]
    [InlineData("2002:a00:1::1", false)]
    [InlineData("2001:0:4136:e378::1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void Only_public_addresses_are_public(string address, bool isPublic) =>
        LeapMastery.Api.Features.Webhooks.WebhookNetwork.IsPublic(IPAddress.Parse(address)).Should().Be(isPublic);

    [Fact]
    public async Task A_webhook_aimed_at_a_private_network_is_never_called_and_says_why()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        // Creation refuses a private address; a name can still resolve to one later, so the connection-time check must hold
        // on its own. The stored URL is pointed at the cloud metadata address directly, as such a name would resolve.
        var webhook = await (await s.Http.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.org/ssrf", types = new[] { "evidenceRecorded" } }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = webhook.GetProperty("webhookId").GetGuid();
        await Database.ExecuteAsync(api.ConnectionString,
            "update leap.mt_doc_webhooksubscription set data = jsonb_set(data, '{url}', '\"https://169.254.169.254/latest/meta-data\"') where id = @id", ("id", id));
        (await s.PostEvidenceAsync("ssrf-1", "A", "3")).StatusCode.Should().Be(HttpStatusCode.Created);
        JsonElement delivery = default;
        for (var i = 0; i < 100; i++)
        {
            var page = await (await s.Http.GetAsync($"/v1/webhooks/{id}/deliveries")).ShouldBeOkJsonAsync();
            if (page.GetProperty("items").GetArrayLength() > 0 && page.GetProperty("items")[0].GetProperty("attempts").GetInt32() > 0)
            {
                delivery = page.GetProperty("items")[0].Clone();
                break;
            }
            await Task.Delay(100);
        }
        delivery.ValueKind.Should().Be(JsonValueKind.Object, "the dispatcher tried it");
        delivery.GetProperty("status").GetString().Should().NotBe("delivered");
        delivery.GetProperty("lastStatusCode").ValueKind.Should().Be(JsonValueKind.Null);
        delivery.GetProperty("lastError").GetString().Should().Contain("private");
    }
}
