using System.Reflection;
using LeapMastery.Api.Learners;
using LeapMastery.Api.Tests.Infrastructure;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace LeapMastery.Api.Tests.Learners;

/// <summary>Every append to a learner's stream goes through the learner-stream writer; anything else is refused.</summary>
public sealed class LearnerStreamGuardTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_append_to_a_learner_stream_outside_the_writer_is_refused_and_nothing_is_stored()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var store = api.Services.GetRequiredService<IDocumentStore>();
        var streamId = LearnerStreams.StreamId(s.Tenant.TenantId, "g-1");
        var stray = new EvidenceRecorded(Guid.NewGuid(), "g-1", "lms", "stray-1", EvidenceModality.Assessment, Instant.FromUtc(2026, 3, 1, 10, 0),
            Instant.FromUtc(2026, 3, 1, 10, 0), "test", [new EvidenceAlignment(s.FrameworkId, s.Ids["A"], AlignmentScore.OfLevel("3"))], null, null);

        await using (var session = store.LightweightSession(s.Tenant.TenantId))
        {
            session.Events.Append(streamId, stray);
            var save = () => session.SaveChangesAsync();
            (await save.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("learner-stream writer");
        }

        await using var query = store.QuerySession(s.Tenant.TenantId);
        (await query.Events.FetchStreamAsync(streamId)).Should().BeEmpty("the refused append stored nothing");
    }

    [Fact]
    public async Task The_same_learner_event_through_the_writer_is_stored()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var writer = api.Services.GetRequiredService<LearnerStreamWriter>();
        var recorded = new EvidenceRecorded(Guid.NewGuid(), "g-2", "lms", "through-1", EvidenceModality.Assessment, Instant.FromUtc(2026, 3, 1, 10, 0),
            Instant.FromUtc(2026, 3, 1, 10, 0), "test", [new EvidenceAlignment(s.FrameworkId, s.Ids["A"], AlignmentScore.OfLevel("3"))], null, null);

        var following = await writer.WriteAsync(new LearnerWriteOrigin(s.Tenant.TenantId, "test"), "g-2", null, turn => turn.Append([recorded]), CancellationToken.None);

        following.OfType<Domain.Recognitions.CompetencyStateChanged>().Should().ContainSingle("the writer decides what follows (A reached Proficient)");
        var store = api.Services.GetRequiredService<IDocumentStore>();
        await using var query = store.QuerySession(s.Tenant.TenantId);
        (await query.Events.FetchStreamAsync(LearnerStreams.StreamId(s.Tenant.TenantId, "g-2"))).Select(e => e.Data.GetType())
            .Should().Equal(typeof(EvidenceRecorded), typeof(Domain.Recognitions.CompetencyStateChanged));
    }

    [Fact]
    public void Every_event_the_learner_record_applies_is_guarded()
    {
        var applied = typeof(LearnerSummaryProjection).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == "Apply")
            .Select(m => m.GetParameters()[0].ParameterType)
            .ToList();
        applied.Should().NotBeEmpty();
        LearnerStreamGuard.LearnerEventTypes.Should().Contain(applied);
    }
}
