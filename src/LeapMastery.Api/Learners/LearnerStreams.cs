namespace LeapMastery.Api.Learners;

public static class LearnerStreams
{
    /// <summary>
    /// One stream per learner, its id derived from tenant and learner (a name-based UUID), so every writer finds the same
    /// stream without a lookup and two tenants' learners with the same SIS id never share one.
    /// </summary>
    public static Guid StreamId(string tenantId, string learnerId) => Infrastructure.NameBasedGuid.Create($"learner\n{tenantId}\n{learnerId}");
}
