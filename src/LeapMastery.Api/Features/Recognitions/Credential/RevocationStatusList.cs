using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using LeapMastery.Api.Learners;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Recognitions.Credential;

/// <summary>An award's place on its issuer's revocation status list (W3C Bitstring Status List), given the first time its credential is served.</summary>
public sealed class CredentialStatusEntry
{
    /// <summary>The award's id.</summary>
    public Guid Id { get; set; }
    public Guid IssuerId { get; set; }
    public string LearnerId { get; set; } = "";
    /// <summary>The bit of the list, random in [0, <see cref="RevocationStatusList.Size"/>) as the specification recommends; unique per tenant.</summary>
    public int Index { get; set; }
    public Instant AssignedAt { get; set; }
}

/// <summary>The <c>credentialStatus</c> of a credential: where a verifier finds whether it was revoked.</summary>
public sealed class BitstringStatusListEntry
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "BitstringStatusListEntry";
    public string StatusPurpose { get; set; } = "revocation";
    /// <summary>The bit, as a base-10 string (the specification says so).</summary>
    public string StatusListIndex { get; set; } = "";
    public string StatusListCredential { get; set; } = "";
}

/// <summary>The issuer's revocation list as a <c>BitstringStatusListCredential</c> (VC 2.0); public, like the issuer's keys.</summary>
public sealed class BitstringStatusListCredential
{
    [JsonPropertyName("@context")] public List<string> Context { get; set; } = ["https://www.w3.org/ns/credentials/v2"];
    public string Id { get; set; } = "";
    public List<string> Type { get; set; } = ["VerifiableCredential", "BitstringStatusListCredential"];
    public IssuerProfile Issuer { get; set; } = new();
    public Instant ValidFrom { get; set; }
    public BitstringStatusListSubject CredentialSubject { get; set; } = new();
}

public sealed class BitstringStatusListSubject
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "BitstringStatusList";
    public string StatusPurpose { get; set; } = "revocation";
    /// <summary>Multibase base64url (<c>u</c> prefix, no padding) of the GZIP-compressed bitstring; bit 0 is the first byte's most significant bit.</summary>
    public string EncodedList { get; set; } = "";
}

/// <summary>
/// Revocation a verifier can see (W3C Bitstring Status List v1.0, which 1EdTech's validator checks): each served credential
/// names a bit of its issuer's list; revoking the award sets the bit. The list is computed on read from the awards the
/// entries name, so it is never behind a revocation.
/// </summary>
public static class RevocationStatusList
{
    /// <summary>131,072 entries (16 KiB), the specification's minimum: a list this long hides which credential a verifier checks.</summary>
    public const int Size = 131_072;

    public static string UrlOf(string issuerUrl) => $"{issuerUrl}/status-lists/revocation";

    public static BitstringStatusListEntry EntryFor(string issuerUrl, int index) => new()
    {
        Id = $"{UrlOf(issuerUrl)}#{index}", StatusListIndex = index.ToString(System.Globalization.CultureInfo.InvariantCulture), StatusListCredential = UrlOf(issuerUrl),
    };

    /// <summary>The award's entry, assigned (a random free bit) the first time; two first requests at once agree on one.</summary>
    public static async Task<CredentialStatusEntry> EntryAsync(IDocumentStore store, string tenantId, Guid issuerId, Guid awardId, string learnerId, Instant now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using (var query = store.QuerySession(tenantId))
                if (await query.LoadAsync<CredentialStatusEntry>(awardId, ct) is { } existing) return existing;
            var entry = new CredentialStatusEntry { Id = awardId, IssuerId = issuerId, LearnerId = learnerId, Index = RandomNumberGenerator.GetInt32(Size), AssignedAt = now };
            try
            {
                await using var session = store.LightweightSession(tenantId);
                session.Insert(entry);
                await session.SaveChangesAsync(ct);
                return entry;
            }
            catch (Exception e) when (Infrastructure.Problems.ProblemDetailsSetup.IsUniqueViolation(e) && attempt < 20)
            {
                // The award got its entry in a concurrent request, or the bit was taken: read again, or draw another.
            }
        }
    }

    /// <summary>The list's bits: set for every entry whose award is revoked.</summary>
    public static async Task<string> EncodedListAsync(IDocumentStore store, string tenantId, CancellationToken ct)
    {
        var bits = new byte[Size / 8];
        await using var session = store.QuerySession(tenantId);
        var entries = await session.Query<CredentialStatusEntry>().ToListAsync(ct);
        var summaries = await session.LoadManyAsync<LearnerSummary>(ct, entries.Select(e => LearnerStreams.StreamId(tenantId, e.LearnerId)).Distinct());
        var revoked = summaries.SelectMany(s => s.Record.AllAwards).Where(a => !a.IsActive).Select(a => a.Awarded.AwardId).ToHashSet();
        foreach (var entry in entries.Where(e => revoked.Contains(e.Id)))
            bits[entry.Index / 8] |= (byte)(0x80 >> (entry.Index % 8));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) await gzip.WriteAsync(bits, ct);
        return "u" + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(compressed.ToArray());
    }
}
