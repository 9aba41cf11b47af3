using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using Marten;

namespace LeapMastery.Api.Features.Recognitions.Credential;

/// <summary>
/// The Open Badges credential of an award as the service issues it, wherever it is served (on its own, or inside a CLR):
/// built from the learner's record up to the award, with its entry in the issuer's revocation list.
/// </summary>
public sealed class AwardCredentials(TenantContext tenant, IDocumentStore store, LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases)
{
    /// <summary>The issuer's name: the tenant's (the district's) name.</summary>
    public async Task<string> IssuerNameAsync(CancellationToken ct)
    {
        await using var platform = databases.PlatformQuery();
        return (await platform.LoadAsync<TenantRecord>(tenant.TenantId, ct))?.Name ?? tenant.TenantId;
    }

    public async Task<AchievementCredential> BuildAsync(string issuerUrl, string issuerName, AwardEntry award, RecognitionDocument recognition,
        LearnerProgress atAward, CancellationToken ct)
    {
        var credential = CredentialBuilder.Build(issuerUrl, issuerName, award, recognition, atAward);
        var status = await RevocationStatusList.EntryAsync(store, tenant.TenantId, IssuerKeys.IssuerIdOf(tenant.TenantId), award.Awarded.AwardId,
            award.Awarded.LearnerId, award.Awarded.AwardedAt, ct);
        credential.CredentialStatus = RevocationStatusList.EntryFor(issuerUrl, status.Index);
        return credential;
    }
}
