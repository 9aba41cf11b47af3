using Microsoft.OpenApi;
using NodaTime;

namespace LeapMastery.Api.Infrastructure.OpenApi;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddLeapOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "LeapMastery API",
                Version = "v1",
                Description = "Competency-based mastery tracking (LEAP Learner Demonstrated, LD.1–LD.5): evidence in, mastery out, never seat time.",
            });
            o.CustomSchemaIds(t => t.IsGenericType
                ? t.Name[..t.Name.IndexOf('`')] + "Of" + string.Concat(t.GetGenericArguments().Select(a => a.Name))
                : t.Name);
            o.MapType<Instant>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" });
            o.MapType<LocalDate>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" });
            o.SupportNonNullableReferenceTypes();
            var xmlPath = Path.Combine(AppContext.BaseDirectory, "LeapMastery.Api.xml");
            var xml = File.Exists(xmlPath) ? new System.Xml.XPath.XPathDocument(xmlPath) : null;
            if (File.Exists(xmlPath)) o.IncludeXmlComments(xmlPath);
            o.OperationFilter<FastEndpointsOperationFilter>(xml);
            o.SchemaFilter<CasePackageBodySchemaFilter>();
            o.DocumentFilter<LeapDocumentFilter>();
        });
        return services;
    }

    public static WebApplication UseLeapOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "swagger";
            o.SwaggerEndpoint($"/openapi/{DocumentName}.json", "LeapMastery API v1");
        });
        return app;
    }
}
