namespace LeapMastery.Domain.Mastery;

/// <summary>Why a piece of evidence is shown but not counted (MASTERY §3).</summary>
public enum ExclusionReason
{
    Retracted,
    SelfAssessmentNotCounted,
    PendingValidation,
    ValidationRejected,
    OutsideRecencyWindow,
}

public static class ExclusionReasons
{
    public static string ToWireName(ExclusionReason reason) => reason switch
    {
        ExclusionReason.Retracted => "retracted",
        ExclusionReason.SelfAssessmentNotCounted => "selfAssessmentNotCounted",
        ExclusionReason.PendingValidation => "pendingValidation",
        ExclusionReason.ValidationRejected => "validationRejected",
        ExclusionReason.OutsideRecencyWindow => "outsideRecencyWindow",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown exclusion reason."),
    };

    public static string Describe(ExclusionReason reason) => reason switch
    {
        ExclusionReason.Retracted => "The evidence was retracted.",
        ExclusionReason.SelfAssessmentNotCounted =>
            "Self-assessments are shown but do not count toward mastery under this policy.",
        ExclusionReason.PendingValidation => "Evidence from outside partners counts once an educator validates it.",
        ExclusionReason.ValidationRejected => "An educator did not validate this evidence.",
        ExclusionReason.OutsideRecencyWindow => "It happened longer ago than the policy's recency window: it no longer counts.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown exclusion reason."),
    };
}
