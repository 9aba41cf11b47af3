using LeapMastery.Api.Features.Frameworks.ImportCase;
using LeapMastery.Api.Features.Frameworks.Recomputations;
using LeapMastery.Api.Features.Webhooks;

namespace LeapMastery.Api.Features.Frameworks;

public static class FrameworksSetup
{
    /// <summary>The framework catalog and writer, CASE providers (outbound, like webhooks), and the background recomputation of learners after a revision.</summary>
    public static IServiceCollection AddFrameworks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<FrameworkCatalog>();
        services.AddScoped<FrameworkWriter>();
        services.AddOutboundClient(CaseProvider.HttpClientName);
        services.AddSingleton<CaseProvider>();
        services.Configure<RecomputationOptions>(configuration.GetSection("Recomputations"));
        services.AddSingleton<RecomputationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<RecomputationWorker>());
        return services;
    }
}
