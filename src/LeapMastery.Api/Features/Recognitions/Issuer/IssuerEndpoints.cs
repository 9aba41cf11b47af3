using FastEndpoints;
using LeapMastery.Api.Features.Recognitions.Credential;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.Problems;
using Marten;

namespace LeapMastery.Api.Features.Recognitions.Issuer;

public sealed class IssuerRequest
{
    /// <summary>The issuer's id, as in a credential's <c>issuer.id</c>.</summary>
    public Guid IssuerId { get; set; }
}

/// <summary>The issuer profile a credential names (public: a verifier has no token).</summary>
public sealed class IssuerProfileResponse
{
    [System.Text.Json.Serialization.JsonPropertyName("@context")] public List<string> Context { get; set; } = [];
    public string Id { get; set; } = "";
    public List<string> Type { get; set; } = ["Profile"];
    public string Name { get; set; } = "";
}

public sealed class JwksResponse
{
    /// <summary>The issuer's public keys (JWK, EC P-256).</summary>
    public List<PublicJwk> Keys { get; set; } = [];
}

public sealed class PublicJwk
{
    public string Kty { get; set; } = "";
    public string Crv { get; set; } = "";
    public string X { get; set; } = "";
    public string Y { get; set; } = "";
    public string Use { get; set; } = "";
    public string Alg { get; set; } = "";
    public string Kid { get; set; } = "";
}

public sealed class GetIssuerEndpoint(IssuerKeys keys, LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, IConfiguration configuration) : Endpoint<IssuerRequest, IssuerProfileResponse>
{
    public override void Configure()
    {
        Get("/issuers/{issuerId:guid}");
        AllowAnonymous();
        Description(d => d.WithTags("Recognitions").Produces(404));
        Summary(s => s.Summary = "An issuer's Open Badges profile (public, no token): the district that issues signed credentials");
    }

    public override async Task HandleAsync(IssuerRequest req, CancellationToken ct)
    {
        var key = await keys.FindAsync(req.IssuerId, ct);
        if (key is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No issuer {req.IssuerId}."));
            return;
        }
        await using var query = databases.PlatformQuery();
        var tenant = await query.LoadAsync<TenantRecord>(key.TenantId, ct);
        await Send.OkAsync(new IssuerProfileResponse
        {
            Context = ["https://purl.imsglobal.org/spec/ob/v3p0/context.json"],
            Id = IssuerUrls.Of(HttpContext, configuration, key.Id), Name = tenant?.Name ?? "",
        }, ct);
    }
}

public sealed class GetIssuerKeysEndpoint(IssuerKeys keys, IConfiguration configuration) : Endpoint<IssuerRequest, JwksResponse>
{
    public override void Configure()
    {
        Get("/issuers/{issuerId:guid}/jwks");
        AllowAnonymous();
        Description(d => d.WithTags("Recognitions").Produces(404));
        Summary(s => s.Summary = "An issuer's public keys as a JWK Set (public, no token): verify a signed credential's ES256 signature with the key its kid names");
    }

    public override async Task HandleAsync(IssuerRequest req, CancellationToken ct)
    {
        var key = await keys.FindAsync(req.IssuerId, ct);
        if (key is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No issuer {req.IssuerId}."));
            return;
        }
        await Send.OkAsync(new JwksResponse { Keys = [IssuerKeys.PublicJwk(key, IssuerUrls.Of(HttpContext, configuration, key.Id))] }, ct);
    }
}

public sealed class GetRevocationListEndpoint(IssuerKeys keys, IDocumentStore store, LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, IConfiguration configuration, NodaTime.IClock clock)
    : Endpoint<IssuerRequest, BitstringStatusListCredential>
{
    public override void Configure()
    {
        Get("/issuers/{issuerId:guid}/status-lists/revocation");
        AllowAnonymous();
        Description(d => d.WithTags("Recognitions").Produces<BitstringStatusListCredential>(200, "application/json").Produces(200, typeof(string), CredentialJwt.MediaType).Produces(404));
        Summary(s =>
        {
            s.Summary = "An issuer's revocation list (public, no token): a W3C Bitstring Status List credential; a set bit is a revoked credential";
            s.Description = "Each credential's credentialStatus names its bit (statusListIndex). The list is 131,072 bits, GZIP-compressed, multibase base64url (u prefix); bit 0 is the most significant bit of the first byte. With Accept: application/vc+jwt it is signed like the credentials.";
        });
    }

    public override async Task HandleAsync(IssuerRequest req, CancellationToken ct)
    {
        var key = await keys.FindAsync(req.IssuerId, ct);
        if (key is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No issuer {req.IssuerId}."));
            return;
        }
        var issuerUrl = IssuerUrls.Of(HttpContext, configuration, key.Id);
        await using var query = databases.PlatformQuery();
        var tenant = await query.LoadAsync<TenantRecord>(key.TenantId, ct);
        var list = new BitstringStatusListCredential
        {
            Id = RevocationStatusList.UrlOf(issuerUrl),
            Issuer = new IssuerProfile { Id = issuerUrl, Name = tenant?.Name ?? "" },
            ValidFrom = clock.GetCurrentInstant(),
            CredentialSubject = new BitstringStatusListSubject
            {
                Id = RevocationStatusList.UrlOf(issuerUrl) + "#list", EncodedList = await RevocationStatusList.EncodedListAsync(store, key.TenantId, ct),
            },
        };
        HttpContext.Response.Headers.CacheControl = "no-cache";
        if (CredentialJwt.IsWanted(HttpContext.Request))
        {
            await Send.StringAsync(keys.SignJwt(list, issuerUrl, key), 200, CredentialJwt.MediaType, ct);
            return;
        }
        await Send.OkAsync(list, ct);
    }
}
