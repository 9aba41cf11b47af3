using LeapMastery.Api.Features.Recognitions.Credential;

namespace LeapMastery.Api.Features.Recognitions;

public static class RecognitionsSetup
{
    /// <summary>Issuer keys and credentials (Open Badges, CLR), and the consequences of a learner write (awards, review flags).</summary>
    public static IServiceCollection AddRecognitions(this IServiceCollection services) => services
        .AddSingleton<IssuerKeys>()
        .AddScoped<AwardCredentials>()
        .AddSingleton<LearnerConsequenceService>();
}
