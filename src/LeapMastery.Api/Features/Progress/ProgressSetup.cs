namespace LeapMastery.Api.Features.Progress;

public static class ProgressSetup
{
    public static IServiceCollection AddProgress(this IServiceCollection services) => services.AddScoped<LearnerProgressReader>();
}
