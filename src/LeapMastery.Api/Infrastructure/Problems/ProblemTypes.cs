namespace LeapMastery.Api.Infrastructure.Problems;

/// <summary>
/// Stable RFC 9457 problem <c>type</c> URIs, one per kind of error; docs/problems.md describes each.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:leapmastery:problem:";

    public const string Validation = Prefix + "validation";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string Forbidden = Prefix + "forbidden";
    public const string NotFound = Prefix + "not-found";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string Conflict = Prefix + "conflict";
    public const string PreconditionFailed = Prefix + "precondition-failed";
    public const string Gone = Prefix + "gone";
    public const string PayloadTooLarge = Prefix + "payload-too-large";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string NotAcceptable = Prefix + "not-acceptable";
    public const string TooManyRequests = Prefix + "too-many-requests";
    public const string ServiceUnavailable = Prefix + "service-unavailable";
    public const string BadGateway = Prefix + "bad-gateway";
    public const string Internal = Prefix + "internal";

    public static string ForStatus(int status) => status switch
    {
        400 => Validation,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        406 => NotAcceptable,
        409 => Conflict,
        410 => Gone,
        412 => PreconditionFailed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => TooManyRequests,
        502 => BadGateway,
        503 => ServiceUnavailable,
        _ => status >= 500 ? Internal : Prefix + status,
    };
}
