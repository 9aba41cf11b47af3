using Microsoft.Net.Http.Headers;
using ProblemResults = LeapMastery.Api.Infrastructure.Problems.Problems;

namespace LeapMastery.Api.Infrastructure.Http;

/// <summary>
/// Judges a request body's <c>Content-Type</c> before any endpoint reads it. A JSON body must be UTF-8 (RFC 8259 §8.1):
/// <c>charset=utf-8</c>, quoted or not, in any letter case, or no charset at all; any other charset, a header that does
/// not parse, or a body without a <c>Content-Type</c> is a 415 problem. A valid header is normalised, so the rest of the
/// pipeline sees one spelling.
/// </summary>
public sealed class ContentTypes(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HasBody(request))
        {
            if (request.ContentType is not { } header)
            {
                await Refuse(context, "The request has a body but no Content-Type; send application/json.");
                return;
            }
            if (!MediaTypeHeaderValue.TryParse(header, out var type) || type.MediaType.Value is not { } media)
            {
                await Refuse(context, $"The Content-Type '{Cut(header)}' does not parse.");
                return;
            }
            var json = media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
            var charset = type.Charset.HasValue ? HeaderUtilities.RemoveQuotes(type.Charset).Value : null;
            if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                await Refuse(context, $"The charset '{Cut(charset)}' is not accepted; bodies are UTF-8.");
                return;
            }
            if (json) request.ContentType = charset is null ? media.ToLowerInvariant() : media.ToLowerInvariant() + "; charset=utf-8";
        }
        await next(context);
    }

    /// <summary>A declared body, or one the server says may come (HTTP/2 and HTTP/3 bodies need neither Content-Length nor Transfer-Encoding).</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0
        || (request.ContentLength is null && (request.Headers.TransferEncoding.Count > 0
            || request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true));

    private static Task Refuse(HttpContext context, string detail) =>
        ProblemResults.UnsupportedMediaType(detail).ExecuteAsync(context);

    private static string Cut(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
