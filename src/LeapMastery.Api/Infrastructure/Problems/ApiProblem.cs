using System.Diagnostics;
using FluentValidation.Results;

namespace LeapMastery.Api.Infrastructure.Problems;

/// <summary>An RFC 9457 problem details answer, as every error of this API is shaped.</summary>
public sealed class ApiProblem
{
    /// <summary>A stable URI per kind of error (docs/problems.md).</summary>
    public string Type { get; set; } = "";
    public string Title { get; set; } = "";
    public int Status { get; set; }
    public string? Detail { get; set; }
    public string? Instance { get; set; }
    public string? TraceId { get; set; }
    /// <summary>Field-level errors: on a validation problem every field that was rejected; on a 404 or 409 from a domain refusal, the field it is about.</summary>
    public List<FieldError>? Errors { get; set; }

    public static ApiProblem FromValidation(IEnumerable<ValidationFailure> failures, HttpContext context, int status) => new()
    {
        Type = ProblemTypes.Validation,
        Title = "One or more fields are invalid.",
        Status = status,
        Detail = "See errors: each names the field (a camelCase path into the request) and why it was rejected. Nothing was recorded.",
        Instance = context.Request.Path,
        TraceId = Activity.Current?.Id ?? context.TraceIdentifier,
        Errors = failures
            .GroupBy(f => (f.PropertyName, f.ErrorMessage))
            .Select(g => new FieldError { Name = CamelPath(g.Key.PropertyName), Reason = g.Key.ErrorMessage })
            .ToList(),
    };

    /// <summary>FluentValidation names nested fields "Scale.Levels[0].MinScore"; the wire speaks camelCase.</summary>
    /// A request's [FromBody] property is named "Body"; its fields are reported relative to the body itself.
    public static string CamelPath(string path)
    {
        if (path.StartsWith("Body.", StringComparison.OrdinalIgnoreCase)) path = path["Body.".Length..];
        // PascalCase property names become camelCase; names spelled otherwise on the wire (CASE's "CFItems") stay as they are.
        return string.Join('.', path.Split('.').Select(p => p.Length > 1 && char.IsUpper(p[0]) && char.IsLower(p[1]) ? char.ToLowerInvariant(p[0]) + p[1..] : p));
    }
}

public sealed class FieldError
{
    /// <summary>The field, as a camelCase path into the request body or the query parameter's name.</summary>
    public string Name { get; set; } = "";
    public string Reason { get; set; } = "";
}
