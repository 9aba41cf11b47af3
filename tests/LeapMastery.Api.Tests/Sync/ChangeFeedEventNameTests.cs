using JasperFx.Events;
using LeapMastery.Api.Features.Changes;

namespace LeapMastery.Api.Tests.Sync;

/// <summary>
/// The change feed reads events by the names Marten stored them under. Renaming an event class changes that name; events
/// stored before would drop out of the feed. The names are pinned here, so a rename fails this test until it brings an alias.
/// </summary>
public sealed class ChangeFeedEventNameTests
{
    [Fact]
    public void The_feed_reads_the_event_names_every_release_has_stored() =>
        ChangeFeed.EventTypes.Keys.Select(t => t.GetEventTypeName()).Should().BeEquivalentTo(
        [
            "evidence_recorded", "evidence_corrected", "evidence_retracted", "competency_state_changed",
            "recognition_awarded", "recognition_revoked", "recognition_flagged_for_review",
        ]);
}
