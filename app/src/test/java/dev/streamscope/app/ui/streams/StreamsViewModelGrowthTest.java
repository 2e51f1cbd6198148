package dev.streamscope.app.ui.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.channelz.SocketNode;
import dev.streamscope.app.lifetime.LifetimeChoice;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.recording.StreamsReports;
import dev.streamscope.app.recording.StreamsState;
import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.GrowingConnection;
import dev.streamscope.app.streams.SocketStreamAges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Streams tab's channelz rows with growth: built from hand-made states (what the recorder hands over), since the
 * table's order and words are the view model's; no toolkit needed.
 */
class StreamsViewModelGrowthTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void rowsSortByEvidenceAndGrowingOnesSayHowFast() {
        SocketStreamAges proven = socket(1, 5, 3);
        SocketStreamAges slow = socket(2, 200, 0);
        SocketStreamAges fast = socket(3, 40, 0);
        SocketStreamAges busy = socket(4, 900, 0);
        StreamsViewModel model = new StreamsViewModel();

        model.show(state(List.of(busy, slow, fast, proven), List.of(growth(3, 1_200), growth(2, 300))), 0);

        assertThat(model.sockets()).extracting(row -> row.socket().socketId()).containsExactly(1L, 3L, 2L, 4L);
        assertThat(model.sockets().get(1).growthText()).isEqualTo("+1,200/min for 1 min 30 s (10 → 40 open)");
        assertThat(model.sockets().get(0).growthText()).isEmpty();
        assertThat(model.growingProperty().get()).isTrue();
    }

    @Test
    void overdueCsvRanksSocketsAsTheTabDoes() {
        // the snapshot's order (busy, slow, fast, proven) is not the evidence's: a naive CSV would start with busy
        StreamsState state = state(
                List.of(socket(4, 900, 0), socket(2, 200, 0), socket(3, 40, 0), socket(1, 5, 3)),
                List.of(growth(3, 1_200), growth(2, 300)));
        StreamsViewModel model = new StreamsViewModel();

        model.show(state, 0);
        List<List<String>> csvRows = StreamsReports.of(state).overdue().rows();

        assertThat(csvRows)
                .extracting(row -> row.get(1))
                .containsExactly("127.0.0.1:5001", "127.0.0.1:5003", "127.0.0.1:5002", "127.0.0.1:5004")
                .containsExactlyElementsOf(model.sockets().stream()
                        .map(row -> row.socket().localAddress())
                        .toList());
    }

    @Test
    void nothingGrowingShowsNoGrowth() {
        StreamsViewModel model = new StreamsViewModel();

        model.show(state(List.of(socket(1, 40, 0), socket(2, 80, 0)), List.of()), 0);

        assertThat(model.sockets()).extracting(SocketRowView::growthText).containsOnly("");
        assertThat(model.sockets()).extracting(row -> row.socket().socketId()).containsExactly(2L, 1L);
        assertThat(model.growingProperty().get()).isFalse();
    }

    private static SocketStreamAges socket(long id, long open, long provenOld) {
        return new SocketStreamAges(
                id, SocketNode.Role.SERVER, "127.0.0.1:" + (5000 + id), "127.0.0.1:9", open, provenOld, open, false);
    }

    private static GrowingConnection growth(long socketId, double perMinute) {
        return new GrowingConnection(
                socketId,
                "127.0.0.1:" + (5000 + socketId) + " → 127.0.0.1:9",
                "server",
                10,
                40,
                perMinute,
                90,
                0.99,
                null,
                null);
    }

    private static StreamsState state(List<SocketStreamAges> sockets, List<GrowingConnection> growing) {
        long open = sockets.stream().mapToLong(SocketStreamAges::open).sum();
        long proven = sockets.stream().mapToLong(SocketStreamAges::olderAtLeast).sum();
        ChannelzStreamAges ages = new ChannelzStreamAges(
                NOW, Duration.ofSeconds(60), false, sockets, open, new OverdueCount(proven, open), 0);
        return new StreamsState(
                StreamsState.Source.CHANNELZ, null, ages, false, LifetimeChoice.Source.DEFAULT, growing);
    }
}
