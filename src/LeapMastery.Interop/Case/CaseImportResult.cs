using LeapMastery.Domain;

namespace LeapMastery.Interop.Case;

/// <summary>
/// Either the mapped package or every problem found in it. Fields are JSON paths into the package as sent
/// (<c>CFItems[3].identifier</c>), so the API can return them unchanged as field errors.
/// </summary>
public sealed record CaseImportResult
{
    private CaseImportResult(CasePackage? package, IReadOnlyList<DomainError> errors)
    {
        Package = package;
        Errors = errors;
    }

    public CasePackage? Package { get; }

    public IReadOnlyList<DomainError> Errors { get; }

    public bool Succeeded => Package is not null;

    public static CaseImportResult Success(CasePackage package) => new(package, []);

    public static CaseImportResult Failure(IReadOnlyList<DomainError> errors) =>
        errors.Count == 0
            ? throw new ArgumentException("A failed import needs at least one error.", nameof(errors))
            : new(null, errors);
}
