package dev.streamscope.app.ui.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimeChoice;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.lifetime.StreamSite;
import dev.streamscope.app.lifetime.StreamSites;
import dev.streamscope.app.recording.StreamsState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Streams tab opens on creation sites when the bridge reports them, and keeps what the user chose after that:
 * hand-made states (what the recorder hands over), no toolkit needed.
 */
class StreamsViewModelSitesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T05:00:00Z");
    private static final StreamSite LEAK = new StreamSite(
            StreamSite.CLIENT_CALL,
            "CLIENT",
            "com.acme.Client.leak(Client.java:9)",
            "acme.Feed/Watch",
            10_000L,
            311L,
            105L,
            30_000L,
            true,
            List.of("com.acme.Client.leak(Client.java:9)"),
            1_310L,
            395L);

    @Test
    void aBridgeWithSitesOpensGroupedByCreationSiteWithTheLeakingLineFirst() {
        StreamsViewModel model = new StreamsViewModel();

        model.show(state(new StreamSites(List.of(LEAK), 0, 0, 0, 16, 0)), NOW.toEpochMilli());

        assertThat(model.groupingProperty().get()).isEqualTo(StreamGrouping.SITE);
        assertThat(model.groups()).first().satisfies(row -> {
            assertThat(row.group()).isEqualTo("com.acme.Client.leak(Client.java:9)");
            assertThat(row.overdue()).isEqualTo(395);
            assertThat(row.sampledText()).isEqualTo("≈ 395 overdue, from 105 sampled");
        });
    }

    @Test
    void theUsersChoiceStaysWhenSitesArrive() {
        StreamsViewModel model = new StreamsViewModel();
        model.show(state(null), NOW.toEpochMilli());
        model.groupingProperty().set(StreamGrouping.METHOD);

        model.show(state(new StreamSites(List.of(LEAK), 0, 0, 0, 16, 0)), NOW.toEpochMilli());

        assertThat(model.groupingProperty().get()).isEqualTo(StreamGrouping.METHOD);
    }

    @Test
    void aBridgeWithoutSitesStaysOnStreams() {
        StreamsViewModel model = new StreamsViewModel();

        model.show(state(null), NOW.toEpochMilli());

        assertThat(model.groupingProperty().get()).isEqualTo(StreamGrouping.STREAM);
    }

    private static StreamsState state(StreamSites sites) {
        BridgeStreams bridge = new BridgeStreams(
                NOW,
                1,
                1_400,
                2_000L,
                600L,
                0L,
                100_000,
                1_000.0,
                30_000L,
                500,
                List.of(),
                LifetimePolicy.DEFAULT,
                OverdueCount.exactly(400),
                4,
                0,
                0,
                null,
                sites);
        return new StreamsState(
                StreamsState.Source.BRIDGE, bridge, null, false, LifetimeChoice.Source.DEFAULT, List.of());
    }
}
