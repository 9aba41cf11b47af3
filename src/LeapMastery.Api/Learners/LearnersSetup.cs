namespace LeapMastery.Api.Learners;

public static class LearnersSetup
{
    /// <summary>The one learner-stream writer (docs/learner-writes.md), the endpoints' front to it, and the stored-state upgrade.</summary>
    public static IServiceCollection AddLearners(this IServiceCollection services) => services
        .AddSingleton<LearnerStreamWriter>()
        .AddScoped<LearnerWriter>()
        .AddSingleton<LearnerStateUpgrade>();
}
