using JasperFx.Events;
using LeapMastery.Api.Features.Frameworks.Recomputations;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain;
using LeapMastery.Domain.Frameworks;
using Marten;
using Marten.Exceptions;

namespace LeapMastery.Api.Features.Frameworks;

/// <summary>
/// Appends what a framework decision accepted: a new stream for a created framework; for a revision, the next version at
/// the version the decision read, with the recomputation of its learners (stored in the same transaction, so it survives a
/// restart). A concurrent write that got there first (the same code, or another version) turns into a conflict refusal.
/// </summary>
public sealed class FrameworkWriter(TenantContext tenant, RecomputationWorker recomputations)
{
    public sealed record Written(FrameworkDocument Framework, Recomputation? Recomputation);

    /// <summary>The framework as written, or the refusal; (null, null) when the decision changed nothing.</summary>
    public async Task<(Written? Written, Refusal? Refusal)> AppendAsync(IDocumentSession session, Decision decision, CancellationToken ct)
    {
        if (decision.Refusal is { } refused) return (null, refused);
        Guid id;
        string code;
        Recomputation? recomputation = null;
        switch (decision.Events.SingleOrDefault())
        {
            case FrameworkCreated created:
                session.Events.StartStream<FrameworkDocument>(created.FrameworkId, created);
                (id, code) = (created.FrameworkId, created.Definition.Code);
                break;
            case FrameworkRevised revised:
                session.Events.Append(revised.FrameworkId, revised.Version, revised);
                recomputation = Recomputation.For(tenant.TenantId, revised.FrameworkId, revised.Version, tenant.ClientId, revised.RevisedAt);
                session.Store(recomputation);
                (id, code) = (revised.FrameworkId, revised.Definition.Code);
                break;
            default:
                return (null, null);
        }
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (MartenCommandException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505", ConstraintName: var constraint }
                                                && constraint?.Contains("uix_framework_code", StringComparison.Ordinal) == true)
        {
            return (null, new Refusal(RefusalKind.Conflict, [new("code", $"A framework with code '{code}' already exists.")]));
        }
        catch (Exception ex) when (ex is JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException
                                   || ex is MartenCommandException { InnerException: Npgsql.PostgresException { SqlState: "23505" } })
        {
            return (null, new Refusal(RefusalKind.Conflict, [new("frameworkId", "The framework changed while this version was being saved; read it again and retry.")]));
        }
        if (recomputation is not null) recomputations.Nudge();
        return (new Written((await session.LoadAsync<FrameworkDocument>(id, ct))!, recomputation), null);
    }
}
