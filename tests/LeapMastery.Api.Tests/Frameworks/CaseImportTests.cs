using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeapMastery.Api.Tests.Foundation;
using LeapMastery.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeapMastery.Api.Tests.Frameworks;

public sealed class CaseImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>A real OpenSALT export (opensalt/opensalt, MIT), kept as test data by the Interop tests.</summary>
    private static JsonNode OpenSaltPackage() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OpenApiContractTests.RepoRoot(), "tests/LeapMastery.Interop.Tests/Data/opensalt-what-standards-could-be.json")))!;

    /// <summary>A Common Core-shaped package as OpenSALT and ASN publish it: the document and every item named by an ASN URI.</summary>
    private static JsonObject AsnPackage(int items, string lastChange = "2024-05-01T00:00:00+00:00")
    {
        const string document = "http://purl.org/ASN/resources/D10003FB";
        static string Asn(string id) => $"http://asn.jesandco.org/resources/{id}";
        static JsonObject Node(string id, string? title = null) => new() { ["identifier"] = id, ["uri"] = id, ["title"] = title ?? id };
        var cfItems = new JsonArray();
        var associations = new JsonArray();
        var n = 0;
        JsonObject Association(string type, string origin, string destination) => new()
        {
            ["identifier"] = $"http://asn.jesandco.org/associations/A{++n:D6}", ["associationType"] = type,
            ["originNodeURI"] = Node(origin), ["destinationNodeURI"] = Node(destination), ["lastChangeDateTime"] = lastChange,
        };
        cfItems.Add(new JsonObject { ["identifier"] = Asn("S114340A"), ["uri"] = Asn("S114340A"), ["humanCodingScheme"] = "CCSS.Math.Content.3", ["fullStatement"] = "Grade 3", ["lastChangeDateTime"] = lastChange });
        associations.Add(Association("isChildOf", Asn("S114340A"), document));
        for (var i = 1; i <= items; i++)
        {
            var id = Asn($"S2366{i:D3}");
            cfItems.Add(new JsonObject { ["identifier"] = id, ["uri"] = id, ["humanCodingScheme"] = $"CCSS.Math.Content.3.X.{i}", ["fullStatement"] = $"Standard {i}", ["lastChangeDateTime"] = lastChange });
            associations.Add(Association("isChildOf", id, Asn("S114340A")));
            if (i > 1) associations.Add(Association("precedes", Asn($"S2366{i - 1:D3}"), id));
            if (i % 10 == 0) associations.Add(Association("exactMatchOf", id, $"http://corestandards.org/Math/Content/3/X/{i}"));
        }
        return new JsonObject
        {
            ["CFDocument"] = new JsonObject { ["identifier"] = document, ["uri"] = document, ["title"] = "Common Core State Standards for Mathematics", ["creator"] = "ASN", ["lastChangeDateTime"] = lastChange },
            ["CFItems"] = cfItems,
            ["CFAssociations"] = associations,
        };
    }

    [Fact]
    public async Task A_several_hundred_item_package_with_ASN_URI_identifiers_imports_keeps_them_and_reimports_unchanged()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var created = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = AsnPackage(400) })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var fw = created.GetProperty("framework");
        fw.GetProperty("caseIdentifier").GetString().Should().Be("http://purl.org/ASN/resources/D10003FB");
        fw.GetProperty("competencies").GetArrayLength().Should().Be(401);
        var item = fw.GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "CCSS.Math.Content.3.X.123");
        item.GetProperty("caseIdentifier").GetString().Should().Be("http://asn.jesandco.org/resources/S2366123");
        var counts = created.GetProperty("counts");
        counts.GetProperty("items").GetInt32().Should().Be(401);
        counts.GetProperty("prerequisites").GetInt32().Should().Be(399);
        counts.GetProperty("links").GetInt32().Should().Be(40);
        created.GetProperty("elapsedMilliseconds").GetInt64().Should().BeGreaterThanOrEqualTo(0);

        var again = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = AsnPackage(400) })).ShouldBeOkJsonAsync();
        again.GetProperty("result").GetString().Should().Be("unchanged");
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(1);

        var newer = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = AsnPackage(401, "2025-01-01T00:00:00+00:00") })).ShouldBeOkJsonAsync();
        newer.GetProperty("result").GetString().Should().Be("updated");
        var ids = fw.GetProperty("competencies").EnumerateArray().ToDictionary(c => c.GetProperty("caseIdentifier").GetString()!, c => c.GetProperty("competencyId").GetGuid());
        newer.GetProperty("framework").GetProperty("competencies").EnumerateArray()
            .Where(c => ids.ContainsKey(c.GetProperty("caseIdentifier").GetString()!))
            .Should().OnlyContain(c => ids[c.GetProperty("caseIdentifier").GetString()!] == c.GetProperty("competencyId").GetGuid(), "a re-import keeps each competency's id, matched by its URI");
    }

    [Fact]
    public async Task A_CFPackage_posted_exactly_as_a_CASE_server_returns_it_imports_with_CASE_1_1_additions_kept_or_ignored()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var package = AsnPackage(12);
        // CASE 1.1 and vendors add properties and whole sections; none of them is a reason to refuse the package.
        package["CFDefinitions"] = new JsonObject { ["CFItemTypes"] = new JsonArray(new JsonObject { ["identifier"] = "t-1", ["title"] = "Standard" }) };
        package["extensions"] = new JsonObject { ["vendor"] = "example" };
        ((JsonObject)package["CFDocument"]!)["frameworkType"] = "Standards";
        ((JsonObject)package["CFDocument"]!)["caseVersion"] = "1.1";
        ((JsonObject)((JsonArray)package["CFItems"]!)[1]!)["extensions"] = new JsonObject { ["depth"] = 3 };

        var created = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", package)).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        created.GetProperty("result").GetString().Should().Be("created");
        created.GetProperty("framework").GetProperty("competencies").GetArrayLength().Should().Be(13);
        (await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", package)).ShouldBeOkJsonAsync()).GetProperty("result").GetString().Should().Be("unchanged");

        // The wrapped form keeps its own contract: an unknown property there is refused by name.
        var refused = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package, colour = "blue" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        refused.FieldErrors().Should().Contain("colour");
        (await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { code = "x" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors().Should().Contain("package");
        var bare = AsnPackage(2);
        ((JsonObject)bare["CFDocument"]!).Remove("title");
        (await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", bare)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .FieldErrors().Should().Contain("CFDocument.title", "errors in a bare package are paths into the body");
    }

    /// <summary>A CASE provider on a real local HTTP server: GET /ims/case/v1p0/CFPackages/{id} answers the current export.</summary>
    private sealed class CaseServer : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
        public JsonObject? Current { get; set; }
        public string DocumentId { get; set; } = "";
        public string BaseUrl { get; private set; } = "";
        public int Requests;

        private CaseServer(Microsoft.AspNetCore.Builder.WebApplication app) => _app = app;

        public static async Task<CaseServer> StartAsync()
        {
            var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var server = new CaseServer(app);
            const string prefix = "/ims/case/v1p0/CFPackages/";
            app.Run(async ctx =>
            {
                Interlocked.Increment(ref server.Requests);
                var raw = ctx.Request.Path.Value ?? "";
                if (!raw.StartsWith(prefix, StringComparison.Ordinal) || Uri.UnescapeDataString(raw[prefix.Length..]) != server.DocumentId || server.Current is null)
                {
                    ctx.Response.StatusCode = 404;
                    return;
                }
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(server.Current.ToJsonString());
            });
            await app.StartAsync();
            server.BaseUrl = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            return server;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_package_is_imported_from_a_CASE_provider_and_re_fetched_on_request_to_pick_up_a_newer_export()
    {
        await using var provider = await CaseServer.StartAsync();
        provider.DocumentId = "http://purl.org/ASN/resources/D10003FB";
        provider.Current = AsnPackage(30);
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var source = new { baseUrl = provider.BaseUrl, documentId = provider.DocumentId };

        var created = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { source, code = "ccss-math" })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        created.GetProperty("framework").GetProperty("competencies").GetArrayLength().Should().Be(31);
        created.GetProperty("framework").GetProperty("code").GetString().Should().Be("ccss-math");
        created.GetProperty("fetchedFrom").GetString().Should().Be($"{provider.BaseUrl}/ims/case/v1p0/CFPackages/{Uri.EscapeDataString(provider.DocumentId)}");

        (await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { source })).ShouldBeOkJsonAsync()).GetProperty("result").GetString().Should().Be("unchanged");
        provider.Current = AsnPackage(32, "2025-06-01T00:00:00+00:00");
        var updated = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { source })).ShouldBeOkJsonAsync();
        updated.GetProperty("result").GetString().Should().Be("updated");
        updated.GetProperty("framework").GetProperty("competencies").GetArrayLength().Should().Be(33);
        provider.Requests.Should().Be(3, "every request fetches again");

        var before = await api.EventCountAsync(tenant.TenantId);
        var missing = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { source = new { baseUrl = provider.BaseUrl, documentId = "no-such-document" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadGateway);
        missing.GetProperty("detail").GetString().Should().Contain("404");
        (await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { source = new { baseUrl = "https://10.0.0.7", documentId = "x" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors().Should().Contain("source.baseUrl");
        (await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { source, package = AsnPackage(1) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors().Should().Contain("package");
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(before);
    }

    [Fact]
    public async Task A_real_OpenSALT_package_imports_and_reimporting_it_is_idempotent()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var response = await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = OpenSaltPackage() });
        var created = await response.ShouldBeOkJsonAsync(HttpStatusCode.Created);
        created.GetProperty("result").GetString().Should().Be("created");
        var fw = created.GetProperty("framework");
        fw.GetProperty("competencies").GetArrayLength().Should().Be(16);
        fw.GetProperty("caseIdentifier").GetString().Should().Be("20c5134f-423d-4097-a971-3dd5152bf507");
        fw.GetProperty("prerequisites").GetArrayLength().Should().Be(2);
        fw.GetProperty("links").EnumerateArray().Count(l => l.GetProperty("type").GetString() == "exactMatchOf").Should().Be(16);
        var standard = fw.GetProperty("competencies").EnumerateArray().First(c => c.GetProperty("code").GetString() == "CCSS.Math.Content.6.RP.A");
        standard.GetProperty("caseIdentifier").GetString().Should().Be("edfce0e7-dbbf-40d5-af1a-baccabef85e9");
        standard.GetProperty("caseUri").GetString().Should().Contain("edfce0e7");

        var again = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = OpenSaltPackage() })).ShouldBeOkJsonAsync();
        again.GetProperty("result").GetString().Should().Be("unchanged");
        again.GetProperty("framework").GetProperty("version").GetInt32().Should().Be(1);
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(1);

        // Evidence can point at an imported competency by its CASE identifier.
        (await http.PostAsJsonAsync("/v1/learners/c-1/evidence", new
        {
            sourceSystem = "lms", modality = "assessment", occurredAt = "2026-03-01T10:00:00Z",
            alignments = new[] { new { caseIdentifier = "EDFCE0E7-DBBF-40D5-AF1A-BACCABEF85E9", level = "3" } },
        })).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_newer_package_makes_a_new_version_keeping_competency_ids_and_an_older_one_is_refused()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var first = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = OpenSaltPackage() })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var idBefore = first.GetProperty("framework").GetProperty("competencies")[0].GetProperty("competencyId").GetGuid();

        var newer = OpenSaltPackage();
        newer["CFDocument"]!["lastChangeDateTime"] = "2018-01-01T00:00:00";
        newer["CFItems"]![0]!["fullStatement"] = "Understand ratio concepts (revised).";
        var updated = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = newer })).ShouldBeOkJsonAsync();
        updated.GetProperty("result").GetString().Should().Be("updated");
        updated.GetProperty("framework").GetProperty("version").GetInt32().Should().Be(2);
        updated.GetProperty("framework").GetProperty("competencies")[0].GetProperty("competencyId").GetGuid().Should().Be(idBefore);

        var older = OpenSaltPackage();
        older["CFDocument"]!["lastChangeDateTime"] = "2016-01-01T00:00:00";
        older["CFItems"]![0]!["fullStatement"] = "Something older.";
        await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = older })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_malformed_package_is_a_400_naming_each_problem_and_nothing_is_written()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var broken = OpenSaltPackage();
        broken["CFItems"]![1]!.AsObject().Remove("identifier");
        broken["CFItems"]![2]!["identifier"] = broken["CFItems"]![3]!["identifier"]!.GetValue<string>();
        var problem = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = broken })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain(f => f.StartsWith("package.CFItems[1]"));
        problem.FieldErrors().Should().Contain(f => f.StartsWith("package.CFItems[") && f.Contains("identifier"));

        var noDocument = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package = new { CFItems = Array.Empty<object>() } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noDocument.FieldErrors().Should().Contain(f => f.StartsWith("package.CFDocument"));
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(0);
    }

    [Fact]
    public async Task A_package_of_several_hundred_items_imports()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var package = Generated(grades: 3, clusters: 10, standards: 15);
        var created = await (await http.PostAsJsonAsync("/v1/frameworks/case-packages", new { package, code = "generated" })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        created.GetProperty("framework").GetProperty("competencies").GetArrayLength().Should().Be(3 + 30 + 450);
        created.GetProperty("framework").GetProperty("code").GetString().Should().Be("generated");
    }

    /// <summary>A CASE package shaped like the public examples: grades → clusters → standards, each standard preceding the next.</summary>
    private static JsonObject Generated(int grades, int clusters, int standards)
    {
        var doc = Guid.NewGuid().ToString();
        var items = new JsonArray();
        var associations = new JsonArray();
        JsonObject Node(string id) => new() { ["identifier"] = id, ["uri"] = $"https://case.example/uri/{id}", ["title"] = "node" };
        void ChildOf(string child, string parent, int seq) => associations.Add(new JsonObject
        {
            ["identifier"] = Guid.NewGuid().ToString(), ["associationType"] = "isChildOf", ["sequenceNumber"] = seq,
            ["originNodeURI"] = Node(child), ["destinationNodeURI"] = Node(parent),
        });
        string? previous = null;
        for (var g = 1; g <= grades; g++)
        {
            var grade = Guid.NewGuid().ToString();
            items.Add(new JsonObject { ["identifier"] = grade, ["uri"] = $"https://case.example/uri/{grade}", ["fullStatement"] = $"Grade {g}", ["humanCodingScheme"] = $"G{g}", ["CFItemType"] = "Grade" });
            ChildOf(grade, doc, g);
            for (var c = 1; c <= clusters; c++)
            {
                var cluster = Guid.NewGuid().ToString();
                items.Add(new JsonObject { ["identifier"] = cluster, ["uri"] = $"https://case.example/uri/{cluster}", ["fullStatement"] = $"Cluster {g}.{c}", ["humanCodingScheme"] = $"G{g}.C{c}", ["CFItemType"] = "Cluster" });
                ChildOf(cluster, grade, c);
                for (var s = 1; s <= standards; s++)
                {
                    var standard = Guid.NewGuid().ToString();
                    items.Add(new JsonObject { ["identifier"] = standard, ["uri"] = $"https://case.example/uri/{standard}", ["fullStatement"] = $"Standard {g}.{c}.{s}", ["humanCodingScheme"] = $"G{g}.C{c}.S{s}", ["CFItemType"] = "Standard" });
                    ChildOf(standard, cluster, s);
                    if (previous is not null && s > 1)
                        associations.Add(new JsonObject
                        {
                            ["identifier"] = Guid.NewGuid().ToString(), ["associationType"] = "precedes",
                            ["originNodeURI"] = Node(previous), ["destinationNodeURI"] = Node(standard),
                        });
                    previous = standard;
                }
            }
        }
        return new JsonObject
        {
            ["CFDocument"] = new JsonObject { ["identifier"] = doc, ["uri"] = $"https://case.example/uri/{doc}", ["title"] = "Generated standards", ["lastChangeDateTime"] = "2026-01-01T00:00:00+00:00" },
            ["CFItems"] = items,
            ["CFAssociations"] = associations,
        };
    }
}
