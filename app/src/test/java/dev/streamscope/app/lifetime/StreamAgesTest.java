package dev.streamscope.app.lifetime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamAgesTest {

    private static final LifetimePolicy WATCH_HOUR = LifetimePolicy.parse(List.of("10s", "/a.S/Watch=1h"));

    @Test
    void statusTurnsAmberAtEightyPercentAndRedAtTheLifetime() {
        Duration lifetime = Duration.ofSeconds(10);
        assertThat(StreamAges.status(7_999, lifetime)).isEqualTo(StreamStatus.OK);
        assertThat(StreamAges.status(8_000, lifetime)).isEqualTo(StreamStatus.NEAR);
        assertThat(StreamAges.status(9_999, lifetime)).isEqualTo(StreamStatus.NEAR);
        assertThat(StreamAges.status(10_000, lifetime)).isEqualTo(StreamStatus.OVERDUE);
    }

    @Test
    void rowStatusUsesItsMethodsLifetimeAndTicksWithElapsedTime() {
        StreamRecord watch = row("a.S/Watch", 20_000L);
        StreamRecord get = row("a.S/Get", 7_000L);

        assertThat(StreamAges.status(watch, WATCH_HOUR, 0, 0)).isEqualTo(StreamStatus.OK);
        assertThat(StreamAges.status(get, WATCH_HOUR, 0, 0)).isEqualTo(StreamStatus.OK);
        assertThat(StreamAges.status(get, WATCH_HOUR, 1_000, 0)).isEqualTo(StreamStatus.NEAR);
        assertThat(StreamAges.status(get, WATCH_HOUR, 3_000, 0)).isEqualTo(StreamStatus.OVERDUE);
        assertThat(StreamAges.status(row("a.S/Get", null), WATCH_HOUR, 0, 0)).isEqualTo(StreamStatus.OK);
    }

    @Test
    void uniformLifetimeTakesTheBridgesCountAsExact() {
        OverdueCount count = StreamAges.overdue(List.of(), 500, 12_000, LifetimePolicy.DEFAULT, 9_000L, null);
        assertThat(count).isEqualTo(OverdueCount.exactly(9_000));
    }

    @Test
    void perMethodLifetimesAreExactWhenTheRowsReachEveryCandidate() {
        // three rows, limit 5: every open stream is in the rows
        List<StreamRecord> rows = List.of(row("a.S/Watch", 50_000L), row("a.S/Get", 12_000L), row("a.S/Get", 1_000L));
        assertThat(StreamAges.overdue(rows, 5, 3, WATCH_HOUR, null, null)).isEqualTo(OverdueCount.exactly(1));

        // cut short at the limit, but the last row is younger than the shortest lifetime
        assertThat(StreamAges.overdue(rows, 3, 100, WATCH_HOUR, null, null)).isEqualTo(OverdueCount.exactly(1));
    }

    @Test
    void perMethodLifetimesGiveBoundsWhenTheRowsAreCutShort() {
        // oldest first, limit 3: two Watch streams past 10 s but within their hour, one Get overdue
        List<StreamRecord> rows =
                List.of(row("a.S/Watch", 4_000_000L), row("a.S/Watch", 50_000L), row("a.S/Get", 40_000L));
        // the bridge says 10 streams are past 10 s and 2 past an hour
        OverdueCount count = StreamAges.overdue(rows, 3, 20, WATCH_HOUR, 10L, 2L);

        // at least: 2 overdue rows + 1 stream past an hour beyond the rows; at most: 10 past 10 s - 1 Watch row cleared
        assertThat(count).isEqualTo(new OverdueCount(3, 9));
    }

    @Test
    void anOlderBridgeWithoutCountsFallsBackToRowsAndOpenStreams() {
        List<StreamRecord> rows = List.of(row("a.S/Get", 40_000L), row("a.S/Get", 30_000L));
        OverdueCount count =
                StreamAges.overdue(rows, 2, 7, LifetimePolicy.DEFAULT.withDefault(Duration.ofSeconds(10)), null, null);
        assertThat(count).isEqualTo(new OverdueCount(2, 7));
    }

    @Test
    void openByMethodKeepsTheBusiestAndSumsTheRest() {
        List<StreamRecord> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(row("a.S/Watch", 1L));
        }
        for (int i = 0; i < 3; i++) {
            rows.add(row("a.S/Get", 1L));
        }
        rows.add(row("a.S/Put", 1L));
        rows.add(row(null, 1L));

        OpenByMethod byMethod = StreamAges.openByMethod(rows, 10, 2);
        assertThat(byMethod.top())
                .containsExactly(
                        new OpenByMethod.MethodCount("a.S/Watch", 5), new OpenByMethod.MethodCount("a.S/Get", 3));
        assertThat(byMethod.other()).isEqualTo(2);
        assertThat(byMethod.countedAmongOldestOnly()).isFalse();

        assertThat(StreamAges.openByMethod(rows, 12_000, 2).countedAmongOldestOnly())
                .isTrue();
    }

    static StreamRecord row(String method, Long ageMillis) {
        return new StreamRecord(
                1L,
                "SERVER",
                method,
                "BIDI_STREAMING",
                null,
                "127.0.0.1:1",
                null,
                ageMillis,
                0L,
                0L,
                false,
                false,
                null);
    }
}
