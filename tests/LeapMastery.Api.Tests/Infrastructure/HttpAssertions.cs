using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeapMastery.Api.Tests.Infrastructure;

public static class HttpAssertions
{
    /// <summary>Asserts an RFC 9457 problem-details answer with the status and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", text);
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("status").GetInt32().Should().Be((int)status);
        body.GetProperty("type").GetString().Should().StartWith("urn:leapmastery:problem:");
        body.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        text.Should().NotContain("   at ", "no stack trace is ever returned");
        return body;
    }

    /// <summary>The field names of a validation problem's errors.</summary>
    public static IReadOnlyList<string> FieldErrors(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();

    public static async Task<JsonElement> ShouldBeOkJsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, object body) => http.PostAsJsonAsync(url, body);
}
