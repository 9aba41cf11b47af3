using System.Text.Json;
using FastEndpoints;
using FluentValidation.Results;
using LeapMastery.Api.Features.Frameworks.Get;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Interop.Case;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Frameworks.ImportCase;

/// <summary>
/// Either the wrapped form (<c>{"package": {…}, "code": …, "scale": …, "policy": …}</c>) or a CFPackage exactly as a CASE
/// server returns it (a top-level <c>CFDocument</c>), which takes the defaults for code, scale and policy.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CasePackageImportBodyConverter))]
public sealed class CasePackageImportBody
{
    /// <summary>A 1EdTech CASE 1.0/1.1 CFPackage (JSON), e.g. as exported by OpenSALT. Give this or <c>source</c>.</summary>
    public JsonElement Package { get; set; }
    /// <summary>Fetch the package from a CASE provider instead (again on every request, to pick up a newer export). Give this or <c>package</c>.</summary>
    public CaseProviderSource? Source { get; set; }
    /// <summary>The framework's code; default: the existing framework's, else one made from the CFDocument title.</summary>
    public string? Code { get; set; }
    /// <summary>Default: the existing framework's, else the 4-level scale (Beginning 0, Developing 1.5, Proficient 2.5, Extending 3.5; mastery 2.5).</summary>
    public ScaleContract? Scale { get; set; }
    /// <summary>Default: the existing framework's, else decayingAverage with w = 0.65.</summary>
    public PolicyContract? Policy { get; set; }

    /// <summary>The body was the CFPackage itself: its errors are paths into the body, not under <c>package.</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal bool IsBarePackage { get; init; }
}

/// <summary>
/// Reads both forms of <see cref="CasePackageImportBody"/>: a body with a top-level <c>CFDocument</c> is the package itself;
/// anything else is the wrapped form, read as strictly as every body (unknown properties refused).
/// </summary>
public sealed class CasePackageImportBodyConverter : System.Text.Json.Serialization.JsonConverter<CasePackageImportBody>
{
    /// <summary>The wrapped form's own shape, read without this converter.</summary>
    private sealed class Wrapped
    {
        public JsonElement Package { get; set; }
        public CaseProviderSource? Source { get; set; }
        public string? Code { get; set; }
        public ScaleContract? Scale { get; set; }
        public PolicyContract? Policy { get; set; }
    }

    public override CasePackageImportBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("CFDocument", out _))
        {
            Infrastructure.Json.RequestJson.CheckStorable(root, "$");
            return new CasePackageImportBody { Package = root.Clone(), IsBarePackage = true };
        }
        var wrapped = root.Deserialize<Wrapped>(options) ?? throw new JsonException("The body must be a JSON object, not null.");
        if (wrapped.Package.ValueKind != JsonValueKind.Undefined) Infrastructure.Json.RequestJson.CheckStorable(wrapped.Package, "$.package");
        if ((wrapped.Package.ValueKind == JsonValueKind.Undefined) == (wrapped.Source is null))
            throw new JsonException("Give either package (the CFPackage) or source (where to fetch it), not both.", "$.package", null, null);
        return new CasePackageImportBody
        {
            Package = wrapped.Package.ValueKind == JsonValueKind.Undefined ? default : wrapped.Package.Clone(), Source = wrapped.Source,
            Code = wrapped.Code, Scale = wrapped.Scale, Policy = wrapped.Policy,
        };
    }

    public override void Write(Utf8JsonWriter writer, CasePackageImportBody value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Package.ValueKind != JsonValueKind.Undefined) { writer.WritePropertyName("package"); value.Package.WriteTo(writer); }
        if (value.Source is not null) { writer.WritePropertyName("source"); JsonSerializer.Serialize(writer, value.Source, options); }
        if (value.Code is not null) writer.WriteString("code", value.Code);
        if (value.Scale is not null) { writer.WritePropertyName("scale"); JsonSerializer.Serialize(writer, value.Scale, options); }
        if (value.Policy is not null) { writer.WritePropertyName("policy"); JsonSerializer.Serialize(writer, value.Policy, options); }
        writer.WriteEndObject();
    }
}

public sealed class CasePackageImportResponse
{
    /// <summary>created, updated (a new version) or unchanged (the same package again).</summary>
    public string Result { get; set; } = "";
    public FrameworkResponse Framework { get; set; } = new();
    /// <summary>With <c>updated</c> only: the recomputation of the framework's learners under the new version (watch it at its <c>href</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Recomputations.RecomputationResponse? Recomputation { get; set; }
    /// <summary>What the package held and what the framework got from it.</summary>
    public CaseImportCounts Counts { get; set; } = new();
    /// <summary>With <c>source</c>: the URL the package was fetched from.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? FetchedFrom { get; set; }
    /// <summary>How long the import took on the server, in milliseconds (fetching, reading, mapping and storing).</summary>
    public long ElapsedMilliseconds { get; set; }
}

public sealed class CaseImportCounts
{
    /// <summary>CFItems in the package.</summary>
    public int Items { get; set; }
    /// <summary>Competencies of the framework (items and their tree).</summary>
    public int Competencies { get; set; }
    /// <summary>precedes associations that became prerequisites.</summary>
    public int Prerequisites { get; set; }
    /// <summary>Other associations, kept as links.</summary>
    public int Links { get; set; }

    public static CaseImportCounts Of(CasePackage package, FrameworkDefinition definition) => new()
    {
        Items = package.Competencies.Count, Competencies = definition.Competencies.Count,
        Prerequisites = definition.Prerequisites.Count, Links = definition.Links?.Count ?? 0,
    };
}

public sealed class ImportCasePackageRequest
{
    [FromBody] public CasePackageImportBody Body { get; set; } = new();
}

public sealed class ImportCasePackageEndpoint(TenantContext tenant, IClock clock, FrameworkWriter writer, CaseProvider provider) : Endpoint<ImportCasePackageRequest, CasePackageImportResponse>
{
    private static readonly ProficiencyScale DefaultScale = new(0, 4, 2.5m,
    [
        new ProficiencyLevel("1", "Beginning", null, 0), new ProficiencyLevel("2", "Developing", null, 1.5m),
        new ProficiencyLevel("3", "Proficient", null, 2.5m), new ProficiencyLevel("4", "Extending", null, 3.5m),
    ]);

    public override void Configure()
    {
        Post("/frameworks/case-packages");
        Scopes(ApiScopes.FrameworksWrite);
        Description(d => d.WithTags("Frameworks").Produces<CasePackageImportResponse>(201, "application/json").Produces<CasePackageImportResponse>(200, "application/json").Produces(409).Produces(502));
        Summary(s =>
        {
            s.Summary = "Import a CASE 1.0 CFPackage as a framework (idempotent; a newer package makes a new version)";
            s.Description = "CFDocument → framework, CFItems → competencies (CASE identifier and URI kept, humanCodingScheme as code), isChildOf → tree, precedes → prerequisites, other associations kept as links (docs/case-import.md). 201 when created; 200 with result updated or unchanged when the framework with this CFDocument identifier exists; 409 when the package is older than the one imported.";
        });
    }

    public override async Task HandleAsync(ImportCasePackageRequest req, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var body = req.Body;
        string? fetchedFrom = null;
        if (body.Source is { } source)
        {
            if (provider.WhyRefused(source) is { } refused) Fail([refused], "");
            var (fetched, failure) = await provider.FetchAsync(source, ct);
            if (failure is not null)
            {
                await Send.ResultAsync(Problems.BadGateway(failure));
                return;
            }
            body.Package = fetched!.Value;
            fetchedFrom = CaseProvider.PackageUrl(source);
        }
        var read = CasePackageReader.Read(body.Package);
        if (!read.Succeeded) Fail(read.Errors, body.IsBarePackage ? "" : "package.");
        var package = read.Package!;

        await using var session = tenant.OpenSession();
        var caseId = package.Document.Identifier;
        var existing = await session.Query<FrameworkDocument>().FirstOrDefaultAsync(f => f.Definition.CaseIdentifier == caseId, ct);

        var errors = new List<DomainError>();
        var scale = body.Scale is not null ? FrameworkMapping.ToScale(body.Scale) : existing?.Definition.Scale ?? DefaultScale;
        var policy = body.Policy is not null ? FrameworkMapping.ToPolicy(body.Policy, "policy", errors) : existing?.Definition.Policy ?? CalculationPolicy.Default;
        if (errors.Count > 0) Fail(errors, "");
        var code = body.Code ?? existing?.Code ?? package.Document.SuggestedCode;
        // Identifiers are matched exactly: UUIDs arrive in canonical lower case, URIs (ASN) as published.
        var ids = existing?.Definition.Competencies.Where(c => c.CaseIdentifier is not null)
            .ToDictionary(c => c.CaseIdentifier!, c => c.Id, StringComparer.Ordinal) ?? [];
        // A new item's competency id is derived from the document's and the item's identifiers: stable, whatever the export.
        var mapped = CaseFrameworkMapping.ToDefinition(package, code, scale, policy!,
            ci => ids.TryGetValue(ci, out var id) ? id : Infrastructure.NameBasedGuid.Create($"case-item\n{caseId}\n{ci}"), Guid.NewGuid);
        if (mapped.Definition is null) Fail(mapped.Errors, "");
        var definition = mapped.Definition!;

        var otherThan = existing?.Id ?? Guid.Empty;
        var codeTaken = await session.Query<FrameworkDocument>().AnyAsync(f => f.Code == definition.Code && f.Id != otherThan, ct);
        var decision = FrameworkDecisions.Import(
            new ImportFramework(Guid.NewGuid(), definition, codeTaken, clock.GetCurrentInstant(), tenant.ClientId), existing?.State);
        var (written, refusal) = await writer.AppendAsync(session, decision, ct);
        if (refusal is not null)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        var answer = new CasePackageImportResponse
        {
            Result = written is null ? "unchanged" : existing is null ? "created" : "updated",
            Framework = FrameworkMapping.ToResponse(written?.Framework ?? existing!),
            Recomputation = written?.Recomputation is { } recomputation ? Recomputations.RecomputationResponse.From(recomputation) : null,
            Counts = CaseImportCounts.Of(package, definition), FetchedFrom = fetchedFrom, ElapsedMilliseconds = started.ElapsedMilliseconds,
        };
        if (existing is null)
            await Send.CreatedAtAsync<GetFrameworkEndpoint>(new { frameworkId = answer.Framework.FrameworkId }, answer, cancellation: ct);
        else
            await Send.OkAsync(answer, ct);
    }

    private void Fail(IEnumerable<DomainError> errors, string prefix)
    {
        foreach (var e in errors) ValidationFailures.Add(new ValidationFailure(prefix + e.Field, e.Message));
        ThrowIfAnyErrors();
    }
}
