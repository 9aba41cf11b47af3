using System.Text.Json;
using System.Text.Json.Nodes;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Foundation;

/// <summary>
/// The committed contract (openapi/leap-mastery.v1.json) must be exactly what the running service generates. The test only
/// reads: build/update-openapi writes the file (from the running service, normalized as <see cref="Normalize"/> does).
/// </summary>
public sealed class OpenApiContractTests(UnreachableDatabaseFactory api) : IClassFixture<UnreachableDatabaseFactory>
{
    public const string CommittedPath = "openapi/leap-mastery.v1.json";

    [Fact]
    public async Task The_committed_OpenAPI_document_matches_the_generated_one()
    {
        using var http = api.CreateClient();
        var generated = Normalize(await http.GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(RepoRoot(), CommittedPath);

        File.Exists(path).Should().BeTrue($"{CommittedPath} must be committed; create it with build/update-openapi");
        var committed = Normalize(await File.ReadAllTextAsync(path));
        committed.Should().Be(generated,
            $"the API changed but {CommittedPath} did not: run build/update-openapi, review the diff and commit it");
    }

    [Fact]
    public async Task Every_operation_declares_its_errors_as_problem_details_and_its_security()
    {
        using var http = api.CreateClient();
        var doc = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var operations = doc["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Op: o.Value!)))
            .ToList();
        operations.Should().NotBeEmpty();
        foreach (var (path, method, op) in operations)
        {
            var responses = op["responses"]!.AsObject();
            if (path.StartsWith("/health") || path == "/v1/oauth/token") continue;
            if (path.StartsWith("/v1/issuers/"))
            {
                op["security"]!.AsArray().Should().BeEmpty($"{method} {path} is public: a credential's verifier has no token");
                continue;
            }
            op["security"].Should().NotBeNull($"{method} {path} needs a token");
            responses.Select(r => r.Key).Should().Contain(["401", "403"], $"{method} {path}");
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                response!["content"]!.AsObject().Select(c => c.Key).Should().Equal(["application/problem+json"], $"{method} {path} {status}");
            foreach (var parameter in op["parameters"]?.AsArray() ?? [])
                path.Contains('{' + parameter!["name"]!.GetValue<string>() + '}').Should().Be(parameter["in"]!.GetValue<string>() == "path", $"{method} {path} {parameter["name"]}");
        }
        doc["components"]!["schemas"]!["FrameworkResponse"]!["properties"]!["createdAt"]!["format"]!.GetValue<string>().Should().Be("date-time");
        // Endpoints that answer JSON or another media type by Accept say both.
        doc["paths"]!["/v1/groups/{groupId}/report-cards/{periodId}"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key)
            .Should().BeEquivalentTo(["application/json", "text/csv"]);
        doc["paths"]!["/v1/learners/{learnerId}/recognitions/{awardId}/credential"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key)
            .Should().BeEquivalentTo(["application/json", "application/vc+jwt"]);
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LeapMastery.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (LeapMastery.sln).");
    }
}
