using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeapMastery.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NJsonSchema;

namespace LeapMastery.Api.Tests.Recognitions;

public sealed class ClrTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static Lazy<Task<JsonSchema>> ClrSchema => OneEdTechSchemas.ClrCredential;
    private static Lazy<Task<JsonSchema>> BadgeSchema => OneEdTechSchemas.AchievementCredential;

    /// <summary>The fractions framework (NF above A–D; A → B → C → D), a badge for mastering A and B, and a learner who has mastered A and B and started C.</summary>
    private static async Task<(FrameworkSetup S, Guid AwardId)> LearnerAsync(ApiFactory api, string learner)
    {
        var s = await FrameworkSetup.CreateAsync(api);
        (await s.Http.PostAsJsonAsync("/v1/recognitions", new
        {
            code = "fractions-start", name = "Fraction foundations", description = "Mastered unit and equivalent fractions.", kind = "badge",
            criteria = new { kind = "allOf", children = new[] { "A", "B" }.Select(c => new { kind = "competencyMastered", competencyId = s.Ids[c] }).ToArray() },
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync(learner, "A", "4", "2026-03-01T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync(learner, "B", "4", "2026-03-02T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync(learner, "C", "2", "2026-03-03T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        var awards = await (await s.Http.GetAsync($"/v1/learners/{learner}/recognitions")).ShouldBeOkJsonAsync();
        awards.GetArrayLength().Should().Be(1);
        return (s, awards[0].GetProperty("awardId").GetGuid());
    }

    [Fact]
    public async Task A_learners_CLR_holds_the_active_badge_and_the_demonstrated_competencies_with_the_framework_tree_and_validates_against_CLR_2()
    {
        var (s, awardId) = await LearnerAsync(api, "clr-1");
        var response = await s.Http.GetAsync("/v1/learners/clr-1/clr");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        (await ClrSchema.Value).Validate(body).Should().BeEmpty("the record follows the CLR 2.0 ClrCredential schema");

        var clr = JsonDocument.Parse(body).RootElement;
        clr.GetProperty("@context").EnumerateArray().Select(c => c.GetString()).Should().Equal(
            "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        clr.GetProperty("type").EnumerateArray().Select(t => t.GetString()).Should().Equal("VerifiableCredential", "ClrCredential");
        clr.GetProperty("partial").GetBoolean().Should().BeFalse();
        clr.GetProperty("issuer").GetProperty("name").GetString().Should().Be("District " + s.Tenant.TenantId);
        clr.GetProperty("validFrom").GetString().Should().NotBeNullOrEmpty();
        var subject = clr.GetProperty("credentialSubject");
        subject.GetProperty("identifier")[0].GetProperty("identityHash").GetString().Should().StartWith("sha256$").And.NotContain("clr-1");

        // The badge, exactly as its own URL serves it (with its revocation status entry), and it is a valid OB 3.0 credential.
        var credentials = subject.GetProperty("verifiableCredential").EnumerateArray().ToList();
        var badge = credentials[0];
        badge.GetProperty("id").GetString().Should().Be($"urn:uuid:{awardId}");
        JsonNode.DeepEquals(JsonNode.Parse(badge.GetRawText()), JsonNode.Parse(await s.Http.GetStringAsync($"/v1/learners/clr-1/recognitions/{awardId}/credential")))
            .Should().BeTrue("the CLR embeds the badge's own credential");
        badge.GetProperty("credentialStatus").GetProperty("type").GetString().Should().Be("BitstringStatusListEntry");

        // Then one credential per demonstrated competency: A and B mastered, C begun; D (no evidence) is not there.
        var standings = credentials.Skip(1).ToDictionary(c => c.GetProperty("credentialSubject").GetProperty("achievement").GetProperty("humanCode").GetString()!);
        standings.Keys.Should().BeEquivalentTo(["A", "B", "C"]);
        string Status(string code) => standings[code].GetProperty("credentialSubject").GetProperty("result")[0].GetProperty("status").GetString()!;
        string Level(string code) => standings[code].GetProperty("credentialSubject").GetProperty("result")[0].GetProperty("value").GetString()!;
        (Status("A"), Level("A"), Status("B"), Status("C"), Level("C")).Should().Be(("Completed", "4", "Completed", "InProgress", "2"));
        foreach (var credential in credentials)
            (await BadgeSchema.Value).Validate(credential.GetRawText()).Should().BeEmpty("each embedded credential is an OB 3.0 AchievementCredential");

        // The achievements: the demonstrated competencies and the domain above them; associations from the framework.
        var achievements = subject.GetProperty("achievement").EnumerateArray().ToDictionary(a => a.GetProperty("humanCode").GetString()!);
        achievements.Keys.Should().BeEquivalentTo(["NF", "A", "B", "C"]);
        achievements["NF"].GetProperty("achievementType").GetString().Should().Be("ext:Domain");
        achievements["A"].GetProperty("achievementType").GetString().Should().Be("Competency");
        achievements["A"].GetProperty("id").GetString().Should().Be($"urn:uuid:{s.Ids["A"]}");
        var code = achievements.ToDictionary(a => a.Value.GetProperty("id").GetString()!, a => a.Key);
        var associations = subject.GetProperty("association").EnumerateArray()
            .Select(a => $"{code[a.GetProperty("sourceId").GetString()!]} {a.GetProperty("associationType").GetString()} {code[a.GetProperty("targetId").GetString()!]}")
            .ToList();
        associations.Should().BeEquivalentTo(["A isChildOf NF", "B isChildOf NF", "C isChildOf NF", "A precedes B", "B precedes C"],
            "the tree and the prerequisites/progression order between what the record holds, each once");

        // The same record gives the same CLR, also after evidence that does not count (a self-assessment this policy leaves out).
        (await s.Http.GetStringAsync("/v1/learners/clr-1/clr")).Should().Be(body);
        (await s.PostEvidenceAsync("clr-1", "A", "1", "2026-03-05T10:00:00Z", modality: "selfAssessment")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.Http.GetStringAsync("/v1/learners/clr-1/clr")).Should().Be(body, "evidence that is not counted changes no standing and no date");
        // New counted evidence gives a new one.
        (await s.PostEvidenceAsync("clr-1", "D", "3", "2026-03-04T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        var later = JsonDocument.Parse(await s.Http.GetStringAsync("/v1/learners/clr-1/clr")).RootElement;
        later.GetProperty("id").GetString().Should().NotBe(clr.GetProperty("id").GetString());
        later.GetProperty("credentialSubject").GetProperty("association").EnumerateArray()
            .Should().Contain(a => a.GetProperty("associationType").GetString() == "precedes" && a.GetProperty("targetId").GetString() == $"urn:uuid:{s.Ids["D"]}");
    }

    [Fact]
    public async Task The_schema_check_can_fail_a_record_without_credentials_or_with_an_unknown_association()
    {
        var (s, _) = await LearnerAsync(api, "clr-2");
        var clr = JsonNode.Parse(await s.Http.GetStringAsync("/v1/learners/clr-2/clr"))!.AsObject();
        var schema = await ClrSchema.Value;
        var empty = clr.DeepClone().AsObject();
        empty["credentialSubject"]!["verifiableCredential"] = new JsonArray();
        schema.Validate(empty.ToJsonString()).Should().NotBeEmpty("CLR 2.0 requires at least one credential");
        var unknown = clr.DeepClone().AsObject();
        unknown["credentialSubject"]!["association"]![0]!["associationType"] = "isCousinOf";
        schema.Validate(unknown.ToJsonString()).Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_revoked_badge_leaves_the_record_a_learner_with_nothing_demonstrated_has_none_and_another_tenant_sees_none()
    {
        var (s, awardId) = await LearnerAsync(api, "clr-3");
        (await s.Http.PostAsJsonAsync($"/v1/learners/clr-3/recognitions/{awardId}/revocation", new { reason = "Issued in error" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var clr = await (await s.Http.GetAsync("/v1/learners/clr-3/clr")).ShouldBeOkJsonAsync();
        var ids = clr.GetProperty("credentialSubject").GetProperty("verifiableCredential").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        ids.Should().HaveCount(3).And.NotContain($"urn:uuid:{awardId}", "a revoked recognition is not in the record");
        (await ClrSchema.Value).Validate(clr.GetRawText()).Should().BeEmpty();

        // Placement alone is not demonstrated.
        (await s.Http.PostAsJsonAsync("/v1/learners/clr-empty/placements", new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 3, basis = "preAssessment" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var none = await (await s.Http.GetAsync("/v1/learners/clr-empty/clr")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        none.GetProperty("detail").GetString().Should().Contain("at least one credential");
        var other = await (await api.NewTenantAsync()).AdminAsync();
        await (await other.GetAsync("/v1/learners/clr-3/clr")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_signed_CLR_is_a_VC_JWT_that_verifies_with_the_issuers_published_key_and_carries_the_JSON_LD_record()
    {
        var (s, _) = await LearnerAsync(api, "clr-4");
        var json = await s.Http.GetStringAsync("/v1/learners/clr-4/clr");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/learners/clr-4/clr");
        request.Headers.Accept.ParseAdd("application/vc+jwt");
        var response = await s.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vc+jwt");
        var jwt = await response.Content.ReadAsStringAsync();
        var token = new JsonWebToken(jwt);
        (token.Alg, token.Typ, token.Cty).Should().Be(("ES256", "vc+jwt", "vc"));

        var issuer = JsonDocument.Parse(json).RootElement.GetProperty("issuer").GetProperty("id").GetString()!;
        using var anonymous = api.CreateClient();
        var jwks = new JsonWebKeySet(await anonymous.GetStringAsync(new Uri(issuer).PathAndQuery + "/jwks"));
        var valid = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidateIssuer = false, ValidateAudience = false, RequireExpirationTime = false, ValidateLifetime = false, IssuerSigningKeys = jwks.Keys,
        });
        valid.IsValid.Should().BeTrue(valid.Exception?.Message);
        var payload = Base64UrlEncoder.Decode(jwt.Split('.')[1]);
        JsonNode.DeepEquals(JsonNode.Parse(payload), JsonNode.Parse(json)).Should().BeTrue("the signed payload is the JSON-LD record");
        (await ClrSchema.Value).Validate(payload).Should().BeEmpty();
    }
}
