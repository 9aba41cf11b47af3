namespace LeapMastery.Api.Features.Ingestion;

public static class IngestionSetup
{
    public static IServiceCollection AddIngestion(this IServiceCollection services) => services
        .AddScoped<ResultIngestor>()
        .AddSingleton<BatchGate>();
}
