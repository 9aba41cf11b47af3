namespace LeapMastery.Api.Learners;

public static class LearnersSetup
{
    /// <summary>The one learner-stream writer (docs/learner-writes.md), the endpoints' front to it, and the stored-state upgrade, the lapse sweep.</summary>
    public static IServiceCollection AddLearners(this IServiceCollection services, IConfiguration configuration) => services
        .Configure<LapseSweepOptions>(configuration.GetSection("Lapses"))
        .AddSingleton<LearnerStreamWriter>()
        .AddScoped<LearnerWriter>()
        .AddSingleton<LearnerStateUpgrade>()
        .AddSingleton<LapseSweep>()
        .AddHostedService(sp => sp.GetRequiredService<LapseSweep>());
}
