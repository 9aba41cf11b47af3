using ProblemResults = LeapMastery.Api.Infrastructure.Problems.Problems;

namespace LeapMastery.Api.Infrastructure.Http;

/// <summary>
/// Refuses a declared body over the limit before anything reads it, whatever the server (Kestrel also enforces the
/// limit on streamed bodies; its BadHttpRequestException becomes a 413 problem in the exception handler).
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next, long maxBytes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            await ProblemResults.PayloadTooLarge($"The body is {context.Request.ContentLength} bytes; the limit is {maxBytes}.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
