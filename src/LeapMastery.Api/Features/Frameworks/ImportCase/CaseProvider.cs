using System.Net;
using System.Text.Json;
using LeapMastery.Api.Features.Webhooks;
using Microsoft.Extensions.Options;

namespace LeapMastery.Api.Features.Frameworks.ImportCase;

/// <summary>Where to fetch a CFPackage from: a CASE 1.0/1.1 provider's base URL and the CFDocument's identifier.</summary>
public sealed class CaseProviderSource
{
    /// <summary>The provider's base URL, e.g. https://opensalt.net (the path /ims/case/v1p0/… is added).</summary>
    public string BaseUrl { get; set; } = "";
    /// <summary>The CFDocument's identifier at the provider (a UUID or, as some publish, a URI).</summary>
    public string DocumentId { get; set; } = "";
}

/// <summary>
/// Fetches <c>{baseUrl}/ims/case/v1p0/CFPackages/{documentId}</c> under the webhooks' outbound rules: public addresses only
/// (unless <c>Webhooks:AllowPrivateNetworks</c>, or loopback with <c>Webhooks:AllowInsecureLoopback</c>), judged on the URL
/// and again at connection time against every address the name resolves to; a time limit; a size limit.
/// </summary>
public sealed class CaseProvider(IHttpClientFactory clients, IOptions<WebhookOptions> options)
{
    public const string HttpClientName = "case-provider";
    public const long MaxPackageBytes = 32 * 1024 * 1024;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static string PackageUrl(CaseProviderSource source) =>
        $"{source.BaseUrl.TrimEnd('/')}/ims/case/v1p0/CFPackages/{Uri.EscapeDataString(source.DocumentId.Trim())}";

    /// <summary>Why the source cannot be fetched at all (a field error under <c>source.</c>), or null.</summary>
    public Domain.DomainError? WhyRefused(CaseProviderSource source)
    {
        if (string.IsNullOrWhiteSpace(source.DocumentId) || source.DocumentId.Length > 2048)
            return new("source.documentId", "The CFDocument's identifier, 1–2048 characters.");
        return WebhookNetwork.WhyRefused(source.BaseUrl, options.Value) is { } why ? new("source.baseUrl", why) : null;
    }

    /// <summary>The package, or why the provider did not give one (answered as a 502).</summary>
    public async Task<(JsonElement? Package, string? Failure)> FetchAsync(CaseProviderSource source, CancellationToken ct)
    {
        var url = PackageUrl(source);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotFound) return (null, $"The provider has no CFPackage {source.DocumentId} ({url} answered 404).");
            if (!response.IsSuccessStatusCode) return (null, $"The provider answered {(int)response.StatusCode} for {url}.");
            if (response.Content.Headers.ContentLength > MaxPackageBytes) return (null, $"The package is larger than {MaxPackageBytes / 1024 / 1024} MiB.");
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var limited = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (limited.Length + read > MaxPackageBytes) return (null, $"The package is larger than {MaxPackageBytes / 1024 / 1024} MiB.");
                limited.Write(buffer, 0, read);
            }
            using var document = JsonDocument.Parse(limited.ToArray());
            Infrastructure.Json.RequestJson.CheckStorable(document.RootElement, "$");
            return (document.RootElement.Clone(), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"The provider did not answer within {Timeout.TotalSeconds:0} s ({url}).");
        }
        catch (JsonException e) when (e.Path is not null)
        {
            return (null, $"The provider's package for {url} holds text that cannot be stored at {e.Path}: {e.Message}");
        }
        catch (JsonException)
        {
            return (null, $"The provider's answer for {url} is not JSON.");
        }
        catch (IOException e)
        {
            return (null, $"The provider's answer for {url} broke off: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return (null, $"The provider could not be reached ({url}): {e.Message}");
        }
    }
}
