using Microsoft.AspNetCore.Http.HttpResults;

namespace LeapMastery.Api.Infrastructure.Problems;

/// <summary>Problem-details results for the errors endpoints raise themselves (validation errors come from FastEndpoints).</summary>
public static class Problems
{
    /// <summary>409: the request is well formed but the current state does not allow it; <paramref name="fields"/> (a domain refusal names them) are answered as <c>errors</c>.</summary>
    public static ProblemHttpResult Conflict(string detail, IReadOnlyList<FieldError>? fields = null) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", type: ProblemTypes.Conflict, extensions: Errors(fields));

    /// <summary>404: nothing by that id; <paramref name="fields"/> (the fields that named it, from a domain refusal) are answered as <c>errors</c>.</summary>
    public static ProblemHttpResult NotFound(string detail, IReadOnlyList<FieldError>? fields = null) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found", type: ProblemTypes.NotFound, extensions: Errors(fields));

    private static Dictionary<string, object?>? Errors(IReadOnlyList<FieldError>? fields) =>
        fields is { Count: > 0 } ? new() { ["errors"] = fields } : null;

    public static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status410Gone, title: "Gone", type: ProblemTypes.Gone);

    public static ProblemHttpResult PayloadTooLarge(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large", type: ProblemTypes.PayloadTooLarge);

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type", type: ProblemTypes.ForStatus(StatusCodes.Status415UnsupportedMediaType));

    /// <summary>502: a server this request depends on (a CASE provider) failed to give what was asked for.</summary>
    public static ProblemHttpResult BadGateway(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status502BadGateway, title: "Bad Gateway", type: ProblemTypes.BadGateway);

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition Failed", type: ProblemTypes.PreconditionFailed);
}
