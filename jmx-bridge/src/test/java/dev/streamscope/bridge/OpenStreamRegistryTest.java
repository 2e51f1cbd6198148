package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The open-order list on its own: order after removals anywhere, readers on removed nodes, bounds. */
class OpenStreamRegistryTest {
    private final OpenStreamRegistry registry = new OpenStreamRegistry(5);

    @Test
    void endingStreamsAnywhereKeepsTheRestInOpenOrder() {
        List<TrackedStream> streams = openStreams(5);

        registry.end(streams.get(0));
        registry.end(streams.get(2));
        registry.end(streams.get(4));

        assertThat(registry.oldest(10)).extracting(StreamRow::getId).containsExactly(2L, 4L);
        assertThat(registry.getOpenStreams()).isEqualTo(2);
        assertThat(registry.getEndedTotal()).isEqualTo(3);
        TrackedStream newest = openStreams(1).get(0);
        assertThat(registry.oldest(10)).extracting(StreamRow::getId).containsExactly(2L, 4L, 6L);
        registry.end(streams.get(1));
        registry.end(streams.get(3));
        registry.end(newest);
        assertThat(registry.oldest(10)).isEmpty();
        assertThat(registry.getOldestAgeMillis()).isZero();
    }

    @Test
    void oldestReturnsAtMostTheLimitFromTheHead() {
        openStreams(5);

        assertThat(registry.oldest(2)).extracting(StreamRow::getId).containsExactly(1L, 2L);
        assertThat(registry.oldest(0)).isEmpty();
        assertThat(registry.oldest(-1)).isEmpty();
        assertThat(registry.olderThan(3_600_000, 5)).isEmpty();
        assertThat(registry.olderThan(0, 3)).hasSize(3);
        assertThat(registry.countOlderThan(0)).isEqualTo(5);
    }

    @Test
    void readerStandingOnAnEndedStreamWalksOnToTheOpenOnes() {
        List<TrackedStream> streams = openStreams(4);
        TrackedStream reader = streams.get(1);

        registry.end(streams.get(1));
        registry.end(streams.get(2));

        List<Long> seen = new ArrayList<>();
        for (TrackedStream stream = reader.newer(); stream != null; stream = stream.newer()) {
            if (!stream.isEnded()) {
                seen.add(stream.id());
            }
        }
        assertThat(seen).containsExactly(4L);
    }

    @Test
    void streamsPastCapacityAreDroppedAndEndingThemIsHarmless() {
        openStreams(5);
        TrackedStream dropped = new TrackedServerCall<>(new IdleServerCall(ProbeService.ECHO, 6), registry);

        assertThat(registry.open(dropped)).isFalse();
        registry.end(dropped);

        assertThat(registry.getDroppedTotal()).isEqualTo(1);
        assertThat(registry.getOpenStreams()).isEqualTo(5);
        assertThat(registry.getEndedTotal()).isZero();
    }

    @Test
    void endingTwiceCountsOnce() {
        TrackedStream stream = openStreams(1).get(0);

        registry.end(stream);
        registry.end(stream);

        assertThat(registry.getEndedTotal()).isEqualTo(1);
        assertThat(registry.getOpenStreams()).isZero();
    }

    private List<TrackedStream> openStreams(int count) {
        List<TrackedStream> streams = new ArrayList<>();
        for (int stream = 0; stream < count; stream++) {
            TrackedServerCall<String, String> call =
                    new TrackedServerCall<>(new IdleServerCall(ProbeService.CHAT, stream), registry);
            assertThat(registry.open(call)).isTrue();
            streams.add(call);
        }
        return streams;
    }
}
