using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeapMastery.Api.Tests.Foundation;
using LeapMastery.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NJsonSchema;

namespace LeapMastery.Api.Tests.Recognitions;

public sealed class CredentialTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static Lazy<Task<JsonSchema>> Schema => OneEdTechSchemas.AchievementCredential;

    private static JsonNode OpenSaltPackage() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OpenApiContractTests.RepoRoot(), "tests/LeapMastery.Interop.Tests/Data/opensalt-what-standards-could-be.json")))!;

    private static async Task<(HttpClient Http, TestTenant Tenant, Guid AwardId, JsonElement Framework)> AwardedAsync(ApiFactory api, string learner)
    {
        var tenant = await api.NewTenantAsync();
        var http = await tenant.AdminAsync();
        var framework = (await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = OpenSaltPackage() })).ShouldBeOkJsonAsync(HttpStatusCode.Created))
            .GetProperty("framework");
        var items = framework.GetProperty("competencies").EnumerateArray().Where(c => c.GetProperty("code").GetString()!.StartsWith("CCSS.Math.Content.6.RP.A."))
            .Take(2).ToList();
        items.Should().HaveCount(2);
        (await http.PostAsJsonAsync("/v1/recognitions", new
        {
            code = "ratios", name = "Ratio reasoning", description = "Understands ratio concepts and uses ratio language.", kind = "microCredential",
            creditsAvailable = 0.5,
            criteria = new
            {
                kind = "allOf",
                children = items.Select(c => new { kind = "competencyMastered", competencyId = c.GetProperty("competencyId").GetGuid() }).ToArray(),
            },
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        foreach (var item in items)
            (await http.PostAsJsonAsync($"/v1/learners/{learner}/evidence", new
            {
                sourceSystem = "lms", sourceId = Guid.NewGuid().ToString(), modality = "project", occurredAt = "2026-03-01T10:00:00Z",
                alignments = new[] { new { caseIdentifier = item.GetProperty("caseIdentifier").GetString(), level = "4" } },
                feedback = new { mastery = "Explains unit rates with a double number line." },
            })).StatusCode.Should().Be(HttpStatusCode.Created);
        var awards = await (await http.GetAsync($"/v1/learners/{learner}/recognitions")).ShouldBeOkJsonAsync();
        awards.GetArrayLength().Should().Be(1, "both competencies are mastered");
        return (http, tenant, awards[0].GetProperty("awardId").GetGuid(), framework);
    }

    [Fact]
    public async Task A_recognition_is_an_Open_Badges_3_credential_that_validates_against_the_official_schema()
    {
        var (http, tenant, awardId, framework) = await AwardedAsync(api, "ob-1");
        var response = await http.GetAsync($"/v1/learners/ob-1/recognitions/{awardId}/credential");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);

        var schema = await Schema.Value;
        schema.Validate(body).Should().BeEmpty("the credential follows the OB 3.0 AchievementCredential schema");
        // The schema is not a formality: the VC 1.1 shape the service issued before fails it.
        var vc11 = JsonNode.Parse(body)!.AsObject();
        vc11["@context"]![0] = "https://www.w3.org/2018/credentials/v1";
        vc11["issuanceDate"] = vc11["validFrom"]!.DeepClone();
        vc11.Remove("validFrom");
        schema.Validate(vc11.ToJsonString()).Should().NotBeEmpty("the current schema is on VC 2.0");

        var vc = JsonDocument.Parse(body).RootElement;
        vc.GetProperty("@context")[0].GetString().Should().Be("https://www.w3.org/ns/credentials/v2", "Open Badges 3.0 on the VC Data Model 2.0");
        vc.GetProperty("@context")[1].GetString().Should().Be("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        vc.TryGetProperty("issuanceDate", out _).Should().BeFalse("VC 2.0 says validFrom");
        vc.GetProperty("validFrom").GetString().Should().NotBeNullOrEmpty();
        vc.GetProperty("type").EnumerateArray().Select(t => t.GetString()).Should().Contain(["VerifiableCredential", "OpenBadgeCredential"]);
        vc.GetProperty("id").GetString().Should().Be($"urn:uuid:{awardId}");
        vc.GetProperty("issuer").GetProperty("name").GetString().Should().Be("District " + tenant.TenantId);
        using (var anonymous = api.CreateClient())
            (await (await anonymous.GetAsync(new Uri(vc.GetProperty("issuer").GetProperty("id").GetString()!).PathAndQuery)).ShouldBeOkJsonAsync())
                .GetProperty("name").GetString().Should().Be("District " + tenant.TenantId, "the issuer's id resolves to its profile");
        var subject = vc.GetProperty("credentialSubject");
        subject.GetProperty("identifier")[0].GetProperty("identityHash").GetString().Should().StartWith("sha256$").And.NotContain("ob-1");
        var achievement = subject.GetProperty("achievement");
        achievement.GetProperty("achievementType").GetString().Should().Be("MicroCredential");
        achievement.GetProperty("criteria").GetProperty("narrative").GetString().Should().Contain("All of").And.Contain("CCSS.Math.Content.6.RP.A.");
        var alignments = achievement.GetProperty("alignment").EnumerateArray().ToList();
        alignments.Should().HaveCount(2);
        var caseUris = framework.GetProperty("competencies").EnumerateArray().Select(c => c.GetProperty("caseUri").GetString()).ToHashSet();
        alignments.Should().OnlyContain(a => caseUris.Contains(a.GetProperty("targetUrl").GetString()) && a.GetProperty("targetType").GetString() == "CFItem",
            "alignments point at the competencies' CASE URIs");
        var results = subject.GetProperty("result").EnumerateArray().ToList();
        results.Should().HaveCount(2).And.OnlyContain(r => r.GetProperty("value").GetString() == "4" && r.GetProperty("status").GetString() == "Completed");
        var descriptions = achievement.GetProperty("resultDescription").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("resultDescription").GetString()).Should().BeEquivalentTo(descriptions.Select(d => d.GetProperty("id").GetString()));
        results.Should().OnlyContain(r => descriptions.SelectMany(d => d.GetProperty("rubricCriterionLevel").EnumerateArray())
            .Any(l => l.GetProperty("id").GetString() == r.GetProperty("achievedLevel").GetString()));
        vc.GetProperty("evidence").GetArrayLength().Should().Be(2);

        // The same credential on every call, whatever happens later to the learner's record.
        (await http.PostAsJsonAsync("/v1/learners/ob-1/evidence", new
        {
            sourceSystem = "lms", modality = "assessment", occurredAt = "2026-04-01T10:00:00Z",
            alignments = new[] { new { competencyId = alignments.Count > 0 ? framework.GetProperty("competencies").EnumerateArray()
                .First(c => c.GetProperty("caseUri").GetString() == alignments[0].GetProperty("targetUrl").GetString()).GetProperty("competencyId").GetGuid() : Guid.Empty, level = "1" } },
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await http.GetStringAsync($"/v1/learners/ob-1/recognitions/{awardId}/credential")).Should().Be(body);
    }

    [Fact]
    public async Task The_schema_check_can_fail_a_credential_missing_what_OB_3_requires()
    {
        var (http, _, awardId, _) = await AwardedAsync(api, "ob-2");
        var credential = JsonNode.Parse(await http.GetStringAsync($"/v1/learners/ob-2/recognitions/{awardId}/credential"))!.AsObject();
        credential.Remove("issuer");
        credential["credentialSubject"]!["achievement"]!.AsObject().Remove("criteria");
        var errors = (await Schema.Value).Validate(credential.ToJsonString());
        errors.Select(e => e.Property).Should().Contain(["issuer", "criteria"]);
    }

    [Fact]
    public async Task A_revoked_recognition_has_no_credential_and_another_tenant_cannot_see_it()
    {
        var (http, _, awardId, _) = await AwardedAsync(api, "ob-3");
        var other = await (await api.NewTenantAsync()).AdminAsync();
        await (await other.GetAsync($"/v1/learners/ob-3/recognitions/{awardId}/credential")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.GetAsync($"/v1/learners/ob-3/recognitions/{Guid.NewGuid()}/credential")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await http.PostAsJsonAsync($"/v1/learners/ob-3/recognitions/{awardId}/revocation", new { reason = "Issued in error" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var gone = await (await http.GetAsync($"/v1/learners/ob-3/recognitions/{awardId}/credential")).ShouldBeProblemAsync(HttpStatusCode.Gone);
        gone.GetProperty("detail").GetString().Should().Contain("Issued in error");
    }

    [Fact]
    public async Task A_signed_credential_is_a_VC_JWT_that_verifies_with_the_issuers_published_key_and_fails_when_tampered_with()
    {
        var (http, tenant, awardId, _) = await AwardedAsync(api, "ob-4");
        var json = await http.GetStringAsync($"/v1/learners/ob-4/recognitions/{awardId}/credential");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/learners/ob-4/recognitions/{awardId}/credential");
        request.Headers.Accept.ParseAdd("application/vc+jwt");
        var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vc+jwt");
        var jwt = await response.Content.ReadAsStringAsync();

        var token = new JsonWebToken(jwt);
        token.Alg.Should().Be("ES256");
        token.Typ.Should().Be("vc+jwt", "VC-JOSE-COSE's media type for a JWT-secured credential");
        token.Cty.Should().Be("vc");
        var issuer = JsonDocument.Parse(json).RootElement.GetProperty("issuer").GetProperty("id").GetString()!;
        token.Kid.Should().Be(issuer + "#key-1");
        token.TryGetPayloadValue<JsonElement>("vc", out _).Should().BeFalse("for VC 2.0 the payload is the credential itself, with no vc claim");

        // A verifier has no token: the issuer's profile and keys are public, at the issuer's id.
        using var anonymous = api.CreateClient();
        var path = new Uri(issuer).PathAndQuery;
        var profile = await (await anonymous.GetAsync(path)).ShouldBeOkJsonAsync();
        profile.GetProperty("id").GetString().Should().Be(issuer);
        profile.GetProperty("name").GetString().Should().Be("District " + tenant.TenantId);
        var jwks = new JsonWebKeySet(await anonymous.GetStringAsync(path + "/jwks"));
        jwks.Keys.Should().ContainSingle().Which.Kid.Should().Be(token.Kid);

        // The credential names its issuer in issuer.id (checked below); the JWT carries no iss claim beside it.
        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = false, ValidateAudience = false, RequireExpirationTime = false, ValidateLifetime = false, IssuerSigningKeys = jwks.Keys,
        };
        var handler = new JsonWebTokenHandler();
        var valid = await handler.ValidateTokenAsync(jwt, parameters);
        valid.IsValid.Should().BeTrue(valid.Exception?.Message);
        var payload = Base64UrlEncoder.Decode(jwt.Split('.')[1]);
        JsonNode.DeepEquals(JsonNode.Parse(payload), JsonNode.Parse(json)).Should().BeTrue("the signed payload is the JSON-LD credential");
        JsonNode.Parse(payload)!["issuer"]!["id"]!.GetValue<string>().Should().Be(issuer);
        (await Schema.Value).Validate(payload).Should().BeEmpty();

        var parts = jwt.Split('.');
        var forged = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        forged["name"] = "Something else";
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(forged.ToJsonString())}.{parts[2]}";
        (await handler.ValidateTokenAsync(tampered, parameters)).IsValid.Should().BeFalse("a changed credential no longer matches its signature");

        // Another district signs with its own key: A's token does not verify with B's.
        var (otherHttp, _, otherAward, _) = await AwardedAsync(api, "ob-5");
        var otherIssuer = JsonDocument.Parse(await otherHttp.GetStringAsync($"/v1/learners/ob-5/recognitions/{otherAward}/credential")).RootElement
            .GetProperty("issuer").GetProperty("id").GetString()!;
        otherIssuer.Should().NotBe(issuer);
        using var otherRequest = new HttpRequestMessage(HttpMethod.Get, $"/v1/learners/ob-5/recognitions/{otherAward}/credential");
        otherRequest.Headers.Accept.ParseAdd("application/vc+jwt");
        await otherHttp.SendAsync(otherRequest);
        var otherKeys = new JsonWebKeySet(await anonymous.GetStringAsync(new Uri(otherIssuer).PathAndQuery + "/jwks"));
        (await handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidateIssuer = false, ValidateAudience = false, RequireExpirationTime = false, ValidateLifetime = false, IssuerSigningKeys = otherKeys.Keys,
        })).IsValid.Should().BeFalse();
        await (await anonymous.GetAsync($"/v1/issuers/{Guid.NewGuid()}/jwks")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_signed_credential_answers_every_time_one_after_another_and_in_parallel()
    {
        var (http, _, awardId, _) = await AwardedAsync(api, "ob-50");
        async Task<HttpStatusCode> SignedAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/learners/ob-50/recognitions/{awardId}/credential");
            request.Headers.Accept.ParseAdd("application/vc+jwt");
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        for (var i = 0; i < 50; i++) (await SignedAsync()).Should().Be(HttpStatusCode.OK, $"read {i + 1} of 50");
        (await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => SignedAsync()))).Should().OnlyContain(s => s == HttpStatusCode.OK);
    }

    private static bool BitOf(string encodedList, int index)
    {
        encodedList.Should().StartWith("u", "multibase base64url");
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(Base64UrlEncoder.DecodeBytes(encodedList[1..])), System.IO.Compression.CompressionMode.Decompress);
        using var bits = new MemoryStream();
        gzip.CopyTo(bits);
        bits.Length.Should().Be(131_072 / 8, "the specification's minimum of 131,072 entries");
        return (bits.ToArray()[index / 8] & (0x80 >> (index % 8))) != 0;
    }

    [Fact]
    public async Task A_credential_names_its_bit_on_the_issuers_public_status_list_and_revoking_the_award_sets_it()
    {
        var (http, _, awardId, _) = await AwardedAsync(api, "ob-60");
        var body = await http.GetStringAsync($"/v1/learners/ob-60/recognitions/{awardId}/credential");
        (await Schema.Value).Validate(body).Should().BeEmpty("credentialStatus keeps the credential valid");
        var status = JsonDocument.Parse(body).RootElement.GetProperty("credentialStatus");
        status.GetProperty("type").GetString().Should().Be("BitstringStatusListEntry");
        status.GetProperty("statusPurpose").GetString().Should().Be("revocation");
        var index = int.Parse(status.GetProperty("statusListIndex").GetString()!);
        var listUrl = status.GetProperty("statusListCredential").GetString()!;
        status.GetProperty("id").GetString().Should().Be($"{listUrl}#{index}");
        JsonDocument.Parse(await http.GetStringAsync($"/v1/learners/ob-60/recognitions/{awardId}/credential")).RootElement
            .GetProperty("credentialStatus").GetProperty("statusListIndex").GetString().Should().Be(index.ToString(), "the bit is the award's for good");

        using var verifier = api.CreateClient(); // a verifier has no token
        var before = await (await verifier.GetAsync(new Uri(listUrl).PathAndQuery)).ShouldBeOkJsonAsync();
        before.GetProperty("type").EnumerateArray().Select(t => t.GetString()).Should().Contain("BitstringStatusListCredential");
        before.GetProperty("@context")[0].GetString().Should().Be("https://www.w3.org/ns/credentials/v2");
        before.GetProperty("credentialSubject").GetProperty("type").GetString().Should().Be("BitstringStatusList");
        BitOf(before.GetProperty("credentialSubject").GetProperty("encodedList").GetString()!, index).Should().BeFalse("not revoked yet");

        (await http.PostAsJsonAsync($"/v1/learners/ob-60/recognitions/{awardId}/revocation", new { reason = "Awarded in error" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await (await verifier.GetAsync(new Uri(listUrl).PathAndQuery)).ShouldBeOkJsonAsync();
        BitOf(after.GetProperty("credentialSubject").GetProperty("encodedList").GetString()!, index).Should().BeTrue("revoking the award sets its bit");

        using var signed = new HttpRequestMessage(HttpMethod.Get, new Uri(listUrl).PathAndQuery);
        signed.Headers.Accept.ParseAdd("application/vc+jwt");
        var jwt = await (await verifier.SendAsync(signed)).Content.ReadAsStringAsync();
        new JsonWebToken(jwt).Typ.Should().Be("vc+jwt", "the list is signed like the credentials");
    }
}
