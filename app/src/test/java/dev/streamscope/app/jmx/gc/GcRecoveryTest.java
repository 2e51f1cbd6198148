package dev.streamscope.app.jmx.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.sample.CollectorTotals;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcRecoveryTest {

    private static final long NOW = 1_700_000_000_000L;

    @Test
    void collectionsBeyondTheNotifiedOnesAreRecoveredAsOnePoint() {
        List<GcEvent> recovered = GcRecovery.recover(
                List.of(new CollectorTotals("G1 Young Generation", 10, 100)),
                List.of(new CollectorTotals("G1 Young Generation", 15, 160)),
                Map.of("G1 Young Generation", new GcRecovery.Notified(2, 25)),
                NOW);

        assertThat(recovered)
                .containsExactly(new GcEvent(
                        NOW, "G1 Young Generation", GcRecovery.RECOVERED_ACTION, "unknown", 35, false, 3, 0));
    }

    @Test
    void fullyNotifiedCollectorsYieldNothing() {
        assertThat(GcRecovery.recover(
                        List.of(new CollectorTotals("G1 Old Generation", 1, 40)),
                        List.of(new CollectorTotals("G1 Old Generation", 3, 90)),
                        Map.of("G1 Old Generation", new GcRecovery.Notified(2, 50)),
                        NOW))
                .isEmpty();
    }

    @Test
    void idleCollectorsYieldNothing() {
        assertThat(GcRecovery.recover(
                        List.of(new CollectorTotals("G1 Old Generation", 3, 90)),
                        List.of(new CollectorTotals("G1 Old Generation", 3, 90)),
                        Map.of(),
                        NOW))
                .isEmpty();
    }

    @Test
    void durationNeverGoesBelowZeroWhenNotifiedTimesRoundUp() {
        List<GcEvent> recovered = GcRecovery.recover(
                List.of(new CollectorTotals("G1 Young Generation", 10, 100)),
                List.of(new CollectorTotals("G1 Young Generation", 12, 103)),
                Map.of("G1 Young Generation", new GcRecovery.Notified(1, 5)),
                NOW);

        assertThat(recovered).singleElement().satisfies(event -> {
            assertThat(event.durationMillis()).isZero();
            assertThat(event.recoveredCount()).isEqualTo(1);
        });
    }

    @Test
    void countsGoingDownMeanARestartedTargetAndYieldNothing() {
        assertThat(GcRecovery.recover(
                        List.of(new CollectorTotals("G1 Young Generation", 500, 4_000)),
                        List.of(new CollectorTotals("G1 Young Generation", 3, 20)),
                        Map.of(),
                        NOW))
                .isEmpty();
    }

    @Test
    void collectorsWithoutPreviousTotalsYieldNothing() {
        assertThat(GcRecovery.recover(List.of(), List.of(new CollectorTotals("ZGC Cycles", 7, 300)), Map.of(), NOW))
                .isEmpty();
    }

    @Test
    void recoveredConcurrentCyclesStayConcurrent() {
        assertThat(GcRecovery.recover(
                        List.of(new CollectorTotals("ZGC Cycles", 1, 10), new CollectorTotals("ZGC Pauses", 3, 1)),
                        List.of(new CollectorTotals("ZGC Cycles", 2, 30), new CollectorTotals("ZGC Pauses", 6, 2)),
                        Map.of(),
                        NOW))
                .extracting(GcEvent::collector, GcEvent::concurrent, GcEvent::recoveredCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ZGC Cycles", true, 1),
                        org.assertj.core.groups.Tuple.tuple("ZGC Pauses", false, 3));
    }

    @Test
    void tallyCountsNotifiedEventsPerCollectorAndSkipsRecoveredOnes() {
        Map<String, GcRecovery.Notified> tally = GcRecovery.tally(List.of(
                new GcEvent(NOW, "G1 Young Generation", "end of minor GC", "G1 Evacuation Pause", 4, false, 0, 0),
                new GcEvent(NOW, "G1 Young Generation", "end of minor GC", "G1 Evacuation Pause", 6, false, 0, 0),
                new GcEvent(NOW, "G1 Old Generation", "end of major GC", "System.gc()", 30, false, 0, 0),
                new GcEvent(NOW, "G1 Old Generation", GcRecovery.RECOVERED_ACTION, "unknown", 99, false, 2, 0)));

        assertThat(tally)
                .containsOnly(
                        Map.entry("G1 Young Generation", new GcRecovery.Notified(2, 10)),
                        Map.entry("G1 Old Generation", new GcRecovery.Notified(1, 30)));
    }
}
