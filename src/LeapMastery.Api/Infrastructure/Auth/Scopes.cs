namespace LeapMastery.Api.Infrastructure.Auth;

/// <summary>OAuth scopes, named after the clients that hold them.</summary>
public static class ApiScopes
{
    public const string FrameworksWrite = "frameworks:write";
    public const string EvidenceWrite = "evidence:write";
    public const string ProgressRead = "progress:read";
    public const string ReportCardsRead = "reportcards:read";
    public const string RosterWrite = "roster:write";
    /// <summary>What a learner does through an app (Learner Led: LL.2 goals, LL.4 reflections).</summary>
    public const string LearnerLedWrite = "learnerled:write";
    public const string Admin = "admin";

    /// <summary>The platform operator's scope: tenant administration, outside every tenant.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> TenantScopes =
        [FrameworksWrite, EvidenceWrite, ProgressRead, ReportCardsRead, RosterWrite, LearnerLedWrite, Admin];

    public static bool IsTenantScope(string scope) => TenantScopes.Contains(scope, StringComparer.Ordinal);
}
