using FastEndpoints;
using FluentValidation.Results;
using LeapMastery.Domain;

namespace LeapMastery.Api.Infrastructure.Problems;

/// <summary>
/// The one answer of a refused domain decision: 400 with the refusal's field errors, 404 or 409 with its message as the
/// detail and its fields as <c>errors</c>.
/// </summary>
public static class RefusalAnswer
{
    public static Task SendAsync(HttpContext http, Refusal refusal, CancellationToken ct) => refusal.Kind switch
    {
        RefusalKind.Invalid => http.Response.SendErrorsAsync(
            refusal.Errors.Select(e => new ValidationFailure(e.Field, e.Message)).ToList(), StatusCodes.Status400BadRequest, null, ct),
        RefusalKind.NotFound => Problems.NotFound(refusal.Message, Fields(refusal)).ExecuteAsync(http),
        _ => Problems.Conflict(refusal.Message, Fields(refusal)).ExecuteAsync(http),
    };

    private static IReadOnlyList<FieldError> Fields(Refusal refusal) =>
        refusal.Errors.Select(e => new FieldError { Name = e.Field, Reason = e.Message }).ToList();
}
