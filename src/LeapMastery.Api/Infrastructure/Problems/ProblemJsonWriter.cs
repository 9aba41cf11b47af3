using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace LeapMastery.Api.Infrastructure.Problems;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's <c>Accept</c> says. ASP.NET Core's own
/// writer declines when <c>Accept</c> names only, say, <c>text/csv</c> or <c>text/html</c>, and the 401 or 403 then goes out as
/// plain text; an error is never content-negotiated here (RFC 9457 §3: problem details are the error format of this API).
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var options = jsonOptions.Value.SerializerOptions;
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, options.GetTypeInfo(problem.GetType()), "application/problem+json", http.RequestAborted));
    }
}
