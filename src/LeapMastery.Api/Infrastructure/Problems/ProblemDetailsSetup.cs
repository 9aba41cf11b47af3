using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace LeapMastery.Api.Infrastructure.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>Every error answer, including the framework's own 401/403/404/405/413/415, is RFC 9457 problem details.</summary>
    public static IServiceCollection AddLeapProblemDetails(this IServiceCollection services) =>
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>().AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            if (string.IsNullOrEmpty(ctx.ProblemDetails.Type) || ctx.ProblemDetails.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
                ctx.ProblemDetails.Type = ProblemTypes.ForStatus(status);
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier;
            if (IsUniqueViolation(ctx.Exception))
                ctx.ProblemDetails.Detail = "A concurrent request created the same thing first (a duplicate code or key). Read the current state and retry if needed.";
            if (ctx.Exception is not null && status >= 500)
                ctx.ProblemDetails.Detail = "An unexpected error occurred. Quote the traceId when you report it.";
            if (status == StatusCodes.Status503ServiceUnavailable && Marten.DatabaseFailures.IsUnavailable(ctx.Exception))
            {
                ctx.ProblemDetails.Detail = UnavailableDetail;
                ctx.HttpContext.Response.Headers.RetryAfter = "1";
            }
            if (status == StatusCodes.Status401Unauthorized)
                ctx.ProblemDetails.Detail ??= "A valid bearer access token is required (POST /v1/oauth/token).";
            if (status == StatusCodes.Status403Forbidden)
                ctx.ProblemDetails.Detail ??= "The access token lacks the scope this route requires.";
            if (status == StatusCodes.Status413PayloadTooLarge)
                ctx.ProblemDetails.Detail ??= "The request body is larger than this service accepts.";
        });

    /// <summary>What a request that met the database unavailable is told (every route may answer it).</summary>
    public const string UnavailableDetail =
        "The database was unavailable for a moment and the request did not complete. Send it again after Retry-After seconds; a repeated write never records anything twice.";

    public static bool IsUniqueViolation(Exception? ex) => ex switch
    {
        null => false,
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } => true,
        _ => IsUniqueViolation(ex.InnerException),
    };

    public static WebApplication UseLeapProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Kestrel's own request errors (body too large, bad framing) keep their 4xx status; anything else is a 500 without a stack trace.
            // A unique index refusing the loser of two concurrent creates is a conflict, not a fault; the database unavailable
            // for a moment (a lost connection, a restart, a terminated backend) is a 503 to retry.
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode
                : IsUniqueViolation(ex) ? StatusCodes.Status409Conflict
                : Marten.DatabaseFailures.IsUnavailable(ex) ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        return app;
    }
}
