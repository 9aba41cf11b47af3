using LeapMastery.Api.Features.Assessments;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Attempts;

public static class AssessmentLookup
{
    public static async Task<AssessmentDocument?> LoadAsync(TenantContext tenant, Guid assessmentId, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        return await session.LoadAsync<AssessmentDocument>(assessmentId, ct);
    }
}
