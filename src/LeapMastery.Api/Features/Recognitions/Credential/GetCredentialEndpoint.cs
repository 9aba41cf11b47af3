using FastEndpoints;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using Marten;

namespace LeapMastery.Api.Features.Recognitions.Credential;

public sealed class GetCredentialRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The award.</summary>
    public Guid AwardId { get; set; }
}

public sealed class GetCredentialEndpoint(TenantContext tenant, LearnerProgressReader progress, AwardCredentials credentials, IssuerKeys keys, IConfiguration configuration)
    : Endpoint<GetCredentialRequest, AchievementCredential>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/recognitions/{awardId:guid}/credential");
        Scopes(ApiScopes.ProgressRead, ApiScopes.ReportCardsRead, ApiScopes.Admin);
        Description(d => d.WithTags("Recognitions").Produces<AchievementCredential>(200, "application/json").Produces(200, typeof(string), CredentialJwt.MediaType).Produces(404).Produces(410));
        Summary(s =>
        {
            s.Summary = "A recognition as an Open Badges 3.0 AchievementCredential: JSON-LD, or signed as a VC-JWT (Accept: application/vc+jwt)";
            s.Description = "The tenant is the issuer; the achievement carries the criteria and alignments to the competencies (their CASE URIs when imported); " +
                            "the results give the level reached in each competency when the recognition was awarded; the learner appears only as a salted " +
                            "SHA-256 of the sourcedId. The credential is the same on every call. With `Accept: application/vc+jwt` it comes signed " +
                            "(compact JWS, ES256, the tenant's key; public keys at the issuer's `/jwks`). A revoked recognition answers 410.";
        });
    }

    public override async Task HandleAsync(GetCredentialRequest req, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var summary = await session.SummaryAsync(tenant.TenantId, req.LearnerId, ct);
        var award = summary?.Record.AllAwards.FirstOrDefault(a => a.Awarded.AwardId == req.AwardId);
        var recognition = award is null ? null : await session.LoadAsync<RecognitionDocument>(award.Awarded.RecognitionId, ct);
        if (award is null || recognition is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No recognition {req.AwardId} awarded to learner {req.LearnerId} in this tenant."));
            return;
        }
        if (!award.IsActive)
        {
            await Send.ResultAsync(Problems.Gone($"Recognition {req.AwardId} was revoked on {award.Revoked!.RevokedAt}: {award.Revoked.Reason}"));
            return;
        }
        var atAward = await progress.ReadAtAsync(req.LearnerId, null, award.Awarded.AwardedAt, historical: true, ct);
        var issuerUrl = IssuerUrls.Of(HttpContext, configuration, IssuerKeys.IssuerIdOf(tenant.TenantId));
        var credential = await credentials.BuildAsync(issuerUrl, await credentials.IssuerNameAsync(ct), award, recognition, atAward, ct);
        // The issuer's key (made on first use) is what makes the issuer's profile and JWKS resolvable, signed or not.
        var key = await keys.ForTenantAsync(tenant.TenantId, ct);
        if (CredentialJwt.IsWanted(HttpContext.Request))
        {
            await Send.StringAsync(keys.SignJwt(credential, issuerUrl, key), 200, CredentialJwt.MediaType, ct);
            return;
        }
        await Send.OkAsync(credential, ct);
    }
}
