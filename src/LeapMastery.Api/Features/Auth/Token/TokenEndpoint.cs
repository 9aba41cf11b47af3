using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Marten;
using Marten;
using Microsoft.Extensions.Options;

namespace LeapMastery.Api.Features.Auth.Token;

/// <summary>The form fields of an OAuth 2.0 client-credentials token request (RFC 6749 §4.4).</summary>
public sealed class TokenRequestForm
{
    /// <summary>Must be <c>client_credentials</c>.</summary>
    [JsonPropertyName("grant_type")] public string GrantType { get; set; } = "";
    /// <summary>The client id (or send it with the secret in an HTTP Basic Authorization header).</summary>
    [JsonPropertyName("client_id")] public string? ClientId { get; set; }
    [JsonPropertyName("client_secret")] public string? ClientSecret { get; set; }
    /// <summary>Space-separated scopes; omit for all the client's scopes.</summary>
    [JsonPropertyName("scope")] public string? Scope { get; set; }
}

/// <summary>RFC 6749 §5.1 access token response.</summary>
public sealed class TokenResponse
{
    [JsonPropertyName("access_token")] public string AccessToken { get; set; } = "";
    [JsonPropertyName("token_type")] public string TokenType { get; set; } = "Bearer";
    [JsonPropertyName("expires_in")] public int ExpiresIn { get; set; }
    [JsonPropertyName("scope")] public string Scope { get; set; } = "";
}

/// <summary>RFC 6749 §5.2 error response (this endpoint speaks OAuth, not problem details).</summary>
public sealed class OAuthError
{
    /// <summary>invalid_request, invalid_client, unsupported_grant_type or invalid_scope.</summary>
    [JsonPropertyName("error")] public string Error { get; set; } = "";
    [JsonPropertyName("error_description")] public string? ErrorDescription { get; set; }
}

public sealed class TokenEndpoint(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, TokenIssuer issuer, IOptions<AuthOptions> authOptions) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/oauth/token");
        AllowAnonymous();
        Description(d => d
            .WithTags("Auth")
            .Accepts<TokenRequestForm>("application/x-www-form-urlencoded")
            .Produces<TokenResponse>(200, "application/json")
            .Produces<OAuthError>(400, "application/json")
            .Produces<OAuthError>(401, "application/json"), clearDefaults: true);
        Summary(s =>
        {
            s.Summary = "Get an access token (OAuth 2.0 client credentials)";
            s.Description = "Form-encoded, RFC 6749 §4.4. Errors follow RFC 6749 §5.2. The token names the client's tenant and the granted scopes.";
        });
    }

    /// <summary>The longest client id, secret or scope list the token endpoint reads (a secret of ours is 30 characters).</summary>
    public const int MaxValueLength = 1024;

    public override async Task HandleAsync(CancellationToken ct)
    {
        HttpContext.Response.Headers.CacheControl = "no-store";
        HttpContext.Response.Headers.Pragma = "no-cache";
        if (!HttpContext.Request.HasFormContentType)
        {
            await Error(400, "invalid_request", "Send the request as application/x-www-form-urlencoded.", ct);
            return;
        }
        IFormCollection form;
        try { form = await HttpContext.Request.ReadFormAsync(ct); }
        catch (InvalidDataException)
        {
            // A value past the form limit (16 kB) or a malformed form: the client's request, not a fault of ours.
            await Error(400, "invalid_request", "The form could not be read: a value is too long or the form is malformed.", ct);
            return;
        }
        if (form.Any(f => f.Value.Any(v => v is not null && (v.Length > MaxValueLength || v.Contains('\0')))) || form.Keys.Any(k => k.Contains('\0')))
        {
            await Error(400, "invalid_request", $"Form values are at most {MaxValueLength} characters and hold no NUL character.", ct);
            return;
        }
        var grantType = form["grant_type"].ToString();
        if (string.IsNullOrEmpty(grantType))
        {
            await Error(400, "invalid_request", "grant_type is required.", ct);
            return;
        }
        if (grantType != "client_credentials")
        {
            await Error(400, "unsupported_grant_type", "Only client_credentials is supported.", ct);
            return;
        }

        var (clientId, secret, usedBasic) = ReadCredentials(form);
        if (clientId is { Length: > MaxValueLength } || secret is { Length: > MaxValueLength } || clientId?.Contains('\0') == true || secret?.Contains('\0') == true)
        {
            await Error(400, "invalid_request", $"client_id and client_secret are at most {MaxValueLength} characters and hold no NUL character.", ct);
            return;
        }
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret))
        {
            await Error(400, "invalid_request", "client_id and client_secret are required.", ct);
            return;
        }

        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var o = authOptions.Value;
        string? tenantId;
        IReadOnlyCollection<string> allowed;
        if (!string.IsNullOrEmpty(o.OperatorClientId) && clientId == o.OperatorClientId)
        {
            if (string.IsNullOrEmpty(o.OperatorClientSecret) || !ClientSecrets.EqualsConstantTime(secret, o.OperatorClientSecret))
            {
                await InvalidClient(usedBasic, ct);
                return;
            }
            tenantId = null;
            allowed = [ApiScopes.Operator];
        }
        else
        {
            await using var session = databases.PlatformQuery();
            var client = await session.LoadAsync<ApiClient>(clientId, ct);
            if (client is null || client.Revoked || !ClientSecrets.Verify(secret, client.SecretHash))
            {
                await InvalidClient(usedBasic, ct);
                return;
            }
            tenantId = client.TenantId;
            allowed = client.Scopes;
        }

        var unknown = requested.Where(s => !allowed.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            await Error(400, "invalid_scope", $"This client may not request: {string.Join(' ', unknown)}.", ct);
            return;
        }
        var granted = requested.Length > 0 ? requested.Distinct().ToList() : allowed.ToList();
        var token = issuer.Issue(clientId, tenantId, granted);
        await Send.ResponseAsync(new TokenResponse { AccessToken = token.AccessToken, ExpiresIn = token.ExpiresInSeconds, Scope = token.Scope }, 200, ct);
    }

    private (string? ClientId, string? Secret, bool UsedBasic) ReadCredentials(IFormCollection form)
    {
        var header = HttpContext.Request.Headers.Authorization.ToString();
        if (AuthenticationHeaderValue.TryParse(header, out var auth) && auth.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && auth.Parameter is not null)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter));
                var colon = pair.IndexOf(':');
                if (colon > 0)
                    return (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]), true);
            }
            catch (FormatException)
            {
                // Falls through to the form fields; a malformed header is then reported as missing credentials.
            }
        }
        return (form["client_id"].ToString(), form["client_secret"].ToString(), false);
    }

    private Task InvalidClient(bool usedBasic, CancellationToken ct)
    {
        // RFC 6749 §5.2: 401 with a challenge when the client authenticated through the Authorization header.
        if (usedBasic) HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"leap-mastery\"";
        return Error(usedBasic ? 401 : 400, "invalid_client", "Unknown client or wrong secret.", ct);
    }

    private Task Error(int status, string error, string description, CancellationToken ct) =>
        Send.ResponseAsync(new OAuthError { Error = error, ErrorDescription = description }, status, ct);
}
