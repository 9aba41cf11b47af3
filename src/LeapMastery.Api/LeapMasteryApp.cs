using FastEndpoints;
using LeapMastery.Api.Demo;
using LeapMastery.Api.Features.Changes;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Features.Ingestion;
using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Features.Recognitions;
using LeapMastery.Api.Features.ReportCards;
using LeapMastery.Api.Features.Webhooks;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Health;
using LeapMastery.Api.Infrastructure.Http;
using LeapMastery.Api.Infrastructure.Json;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.OpenApi;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.RateLimits;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using Microsoft.AspNetCore.Http.Features;
using NodaTime;

namespace LeapMastery.Api;

public static class LeapMasteryApp
{
    /// <summary>Largest request body accepted (batch ingestion of 1,000+ results fits comfortably).</summary>
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddEnvironmentVariables(prefix: "LEAPMASTERY_");
        var services = builder.Services;

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<FormOptions>(o => o.ValueLengthLimit = 16 * 1024);

        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<TenantContext>();
        services.AddScoped<TenantZone>();
        // Each feature registers what it needs.
        services.AddLearners(builder.Configuration);
        services.AddProgress();
        services.AddFrameworks(builder.Configuration);
        services.AddIngestion();
        services.AddRecognitions();
        services.AddReportCards();
        services.AddChanges();
        services.AddWebhooks(builder.Configuration);
        services.AddLeapProblemDetails();
        services.AddLeapAuth(builder.Configuration);
        services.AddLeapRateLimits(builder.Configuration);
        services.AddLeapMarten(builder.Configuration);
        services.AddLeapHealth();
        services.AddLeapOpenApi();
        services.ConfigureHttpJsonOptions(o => JsonSetup.Configure(o.SerializerOptions));
        services.AddFastEndpoints(o => o.IncludeAbstractValidators = false);
        services.AddLeapDemo(builder.Configuration);

        var app = builder.Build();
        app.UseLeapProblemDetails();
        app.UseMiddleware<RequestSizeLimit>(MaxRequestBodyBytes);
        app.UseMiddleware<ContentTypes>();
        app.UseAppPage();
        app.UseAuthentication();
        app.UseRateLimiter(); // after authentication: limits are per client id
        app.UseAuthorization();
        app.MapLeapHealth();
        app.UseFastEndpoints(c =>
        {
            c.Endpoints.RoutePrefix = "v1";
            c.Endpoints.ShortNames = true;
            c.Errors.ResponseBuilder = (failures, ctx, status) => ApiProblem.FromValidation(failures, ctx, status);
            c.Errors.ContentType = "application/problem+json";
            c.Errors.ProducesMetadataType = typeof(ApiProblem);
            JsonSetup.Configure(c.Serializer.Options);
            var requestJson = RequestJson.CreateOptions();
            c.Serializer.RequestDeserializer = (request, type, _, ct) => RequestJson.DeserializeAsync(request, type, requestJson, ct);
            c.Binding.JsonExceptionTransformer = RequestJson.FieldError;
        });
        app.UseLeapOpenApi();
        return app;
    }
}
