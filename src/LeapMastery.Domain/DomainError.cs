namespace LeapMastery.Domain;

/// <summary>
/// A rule broken by input, tied to the field that broke it. <see cref="Field"/> is a camelCase path as the client sent it
/// (<c>scale.levels[1].minScore</c>), so the API can return it unchanged as a field-level validation error.
/// </summary>
public sealed record DomainError(string Field, string Message);
