using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain;
using LeapMastery.Interop.EdFi;

namespace LeapMastery.Api.Features.ReportCards.EdFi;

public sealed class PutEdFiSettingsEndpoint(TenantContext tenant) : Endpoint<EdFiSettingsContract, EdFiSettingsContract>
{
    public override void Configure()
    {
        Put("/settings/ed-fi");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Settings"));
        Summary(s =>
        {
            s.Summary = "Replace the district's Ed-Fi mapping: school, school year, grading periods, competency levels, frameworks";
            s.Description = "How report cards map onto the Ed-Fi Data Standard (docs/report-cards.md). Descriptors are Ed-Fi descriptor URIs " +
                            "(`uri://{namespace}/{DescriptorName}#{codeValue}`), checked for their kind: GradingPeriodDescriptor, " +
                            "CompetencyLevelDescriptor, PerformanceBaseConversionDescriptor, GradeLevelDescriptor. Codes are not checked " +
                            "against the frameworks and periods that exist now (they may come later); the Ed-Fi report cards name any gap.";
        });
    }

    public override async Task HandleAsync(EdFiSettingsContract req, CancellationToken ct)
    {
        var errors = EdFiMappingRules.Validate(req.ToMapping());
        if (errors.Count > 0)
        {
            await RefusalAnswer.SendAsync(HttpContext, new Refusal(RefusalKind.Invalid, errors), ct);
            return;
        }
        await using var session = tenant.OpenSession();
        session.Store(new EdFiSettingsDocument { Settings = req });
        await session.SaveChangesAsync(ct);
        await Send.OkAsync(req, ct);
    }
}

public sealed class GetEdFiSettingsEndpoint(TenantContext tenant) : EndpointWithoutRequest<EdFiSettingsContract>
{
    public override void Configure()
    {
        Get("/settings/ed-fi");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Settings").Produces(404));
        Summary(s => s.Summary = "The district's Ed-Fi mapping (404 until one is set)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        if (await session.LoadAsync<EdFiSettingsDocument>(EdFiSettingsDocument.TheId, ct) is not { } stored)
        {
            await Send.ResultAsync(Problems.NotFound("No Ed-Fi mapping in this tenant yet: PUT /v1/settings/ed-fi sets one."));
            return;
        }
        await Send.OkAsync(stored.Settings, ct);
    }
}
