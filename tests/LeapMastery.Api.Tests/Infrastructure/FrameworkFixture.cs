using System.Net;
using System.Net.Http.Json;

namespace LeapMastery.Api.Tests.Infrastructure;

/// <summary>A tenant with the sample fractions framework (A → B → C → D, B extended by B.X), ready for a test.</summary>
public sealed record FrameworkSetup(TestTenant Tenant, HttpClient Http, Guid FrameworkId, Dictionary<string, Guid> Ids)
{
    public static async Task<FrameworkSetup> CreateAsync(ApiFactory api, string method = "mostRecent", Action<Dictionary<string, object?>>? change = null)
    {
        var tenant = await api.NewTenantAsync();
        var http = await tenant.AdminAsync();
        var body = Samples.Framework(method: method);
        change?.Invoke(body);
        var fw = await (await http.PostAsJsonAsync("/v1/frameworks", body)).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var ids = fw.GetProperty("competencies").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("competencyId").GetGuid());
        return new FrameworkSetup(tenant, http, fw.GetProperty("frameworkId").GetGuid(), ids);
    }

    public Task<HttpResponseMessage> PostEvidenceAsync(string learner, string code, string level, string occurredAt = "2026-03-01T14:30:00Z",
        string modality = "assessment", object? actor = null, string? sourceId = null) =>
        Http.PostAsJsonAsync($"/v1/learners/{learner}/evidence", new
        {
            sourceSystem = "lms",
            sourceId = sourceId ?? Guid.NewGuid().ToString(),
            modality,
            occurredAt,
            actor,
            alignments = new[] { new { competencyId = Ids[code], level } },
            feedback = new { effort = "Steady effort", process = "Used a number line", mastery = "Accurate" },
        });
}
