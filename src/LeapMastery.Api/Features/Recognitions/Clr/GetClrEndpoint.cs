using FastEndpoints;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Features.Recognitions.Credential;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Recognitions.Clr;

public sealed class GetClrRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
}

public sealed class GetClrValidator : Validator<GetClrRequest>
{
    public GetClrValidator() => RuleFor(x => x.LearnerId).MustBeLearnerId();
}

public sealed class GetClrEndpoint(TenantContext tenant, LearnerProgressReader progress, AwardCredentials credentials, IssuerKeys keys, IConfiguration configuration)
    : Endpoint<GetClrRequest, ClrCredential>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/clr");
        Scopes(ApiScopes.ProgressRead, ApiScopes.ReportCardsRead, ApiScopes.Admin);
        Description(d => d.WithTags("Recognitions").Produces<ClrCredential>(200, "application/json").Produces(200, typeof(string), CredentialJwt.MediaType).Produces(404));
        Summary(s =>
        {
            s.Summary = "A learner's whole record as a CLR 2.0 ClrCredential: JSON-LD, or signed as a VC-JWT (Accept: application/vc+jwt)";
            s.Description = "The Comprehensive Learner Record holds every active recognition as its Open Badges 3.0 credential (the same one " +
                            "`…/recognitions/{awardId}/credential` serves, with its revocation status entry), and every competency the learner has " +
                            "demonstrated (at least one counted piece of evidence) as an achievement with a credential of the level reached now " +
                            "(status Completed when mastered, InProgress before). The domains and strands above them are achievements too; the " +
                            "associations give the framework's tree (`isChildOf`) and order (`precedes`: prerequisites and progression steps). " +
                            "Revoked recognitions are left out; placements alone do not count as demonstrated. The tenant is the issuer, the learner " +
                            "appears only as a salted SHA-256 of the sourcedId, and the same record gives the same CLR (its id is derived from its " +
                            "content). With `Accept: application/vc+jwt` it comes signed (compact JWS, ES256, the tenant's key; public keys at the " +
                            "issuer's `/jwks`). A learner with nothing demonstrated and nothing awarded has no CLR yet: 404 (CLR 2.0 requires at " +
                            "least one credential).";
        });
    }

    public override async Task HandleAsync(GetClrRequest req, CancellationToken ct)
    {
        var (now, atAward) = await progress.ReadNowAndAtAsync(req.LearnerId,
            record => record.AllAwards.Where(a => a.IsActive).Select(a => a.Awarded.AwardedAt), ct);
        var active = now.Record.AllAwards.Where(a => a.IsActive).OrderBy(a => a.Awarded.AwardedAt).ThenBy(a => a.Awarded.AwardId).ToList();
        await using var session = tenant.QuerySession();
        var recognitions = (await session.LoadManyAsync<RecognitionDocument>(ct, active.Select(a => a.Awarded.RecognitionId).Distinct()))
            .ToDictionary(r => r.Id);

        var issuerUrl = IssuerUrls.Of(HttpContext, configuration, IssuerKeys.IssuerIdOf(tenant.TenantId));
        var issuerName = await credentials.IssuerNameAsync(ct);
        var awards = new List<AchievementCredential>();
        foreach (var award in active)
            if (recognitions.TryGetValue(award.Awarded.RecognitionId, out var recognition))
                awards.Add(await credentials.BuildAsync(issuerUrl, issuerName, award, recognition, atAward[award.Awarded.AwardedAt], ct));

        var clr = ClrBuilder.Build(tenant.TenantId, issuerUrl, issuerName, now, awards, partial: awards.Count < active.Count);
        if (clr is null)
        {
            await Send.ResultAsync(Problems.NotFound(
                $"Learner {req.LearnerId} has no CLR yet: nothing demonstrated and no active recognition in this tenant (a CLR holds at least one credential)."));
            return;
        }
        // The issuer's key (made on first use) is what makes the issuer's profile and JWKS resolvable, signed or not.
        var key = await keys.ForTenantAsync(tenant.TenantId, ct);
        if (CredentialJwt.IsWanted(HttpContext.Request))
        {
            await Send.StringAsync(keys.SignJwt(clr, issuerUrl, key), 200, CredentialJwt.MediaType, ct);
            return;
        }
        await Send.OkAsync(clr, ct);
    }
}
