namespace LeapMastery.Api.Features.Changes;

public static class ChangesSetup
{
    public static IServiceCollection AddChanges(this IServiceCollection services) => services
        .AddSingleton<ChangeFeedHorizon>()
        .AddSingleton<ChangeFeed>();
}
