using Microsoft.AspNetCore.Http.HttpResults;

namespace LeapMastery.Api.Infrastructure.Problems;

/// <summary>Problem-details results for the errors endpoints raise themselves (validation errors come from FastEndpoints).</summary>
public static class Problems
{
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", type: ProblemTypes.Conflict);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found", type: ProblemTypes.NotFound);

    public static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status410Gone, title: "Gone", type: ProblemTypes.Gone);

    public static ProblemHttpResult PayloadTooLarge(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large", type: ProblemTypes.PayloadTooLarge);

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition Failed", type: ProblemTypes.PreconditionFailed);
}
