using LeapMastery.Domain.Frameworks;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Frameworks;

/// <summary>
/// A framework as it stood at an instant, folded from its own events by the times they carry (the domain clock), so
/// "as of" means the same thing for frameworks as for the evidence recorded against them.
/// </summary>
public static class FrameworkHistory
{
    public static async Task<FrameworkDocument?> AsOfAsync(IQuerySession session, Guid frameworkId, Instant at, CancellationToken ct)
    {
        FrameworkDocument? doc = null;
        foreach (var e in await session.Events.FetchStreamAsync(frameworkId, token: ct))
        {
            doc = e.Data switch
            {
                FrameworkCreated c when c.CreatedAt <= at => FrameworkProjection.Create(c),
                FrameworkRevised r when r.RevisedAt <= at && doc is not null => FrameworkProjection.Apply(r, doc),
                _ => doc,
            };
        }
        return doc;
    }
}
