namespace LeapMastery.Api.Features.ReportCards;

public static class ReportCardsSetup
{
    public static IServiceCollection AddReportCards(this IServiceCollection services) => services
        .AddScoped<ReportCardSource>()
        .AddScoped<EdFi.EdFiCards>();
}
