package dev.streamscope.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryUsageSample;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.sample.ThreadSample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure logic over our own records: the totals and notifications are built by hand. */
class MissedCollectionsTest {

    private static final String YOUNG = "G1 Young Generation";
    private static final long START = 1_000;

    private final MissedCollections missed = new MissedCollections();

    @Test
    void collectionsBeforeWeConnectedAreNotMissed() {
        assertThat(missed.recover(START, tick(1, 10, 100), List.of())).isEmpty();
    }

    @Test
    void aNotificationArrivingAfterTheTickThatCountedItIsNotReportedMissed() {
        missed.recover(START, tick(1, 10, 100), List.of());
        // collections 11 and 12 happened before tick 2, but only 11 was notified by then
        assertThat(missed.recover(START, tick(2, 12, 130), List.of(notified(11, 10))))
                .isEmpty();
        // 12's notification arrives late, before tick 3
        assertThat(missed.recover(START, tick(3, 12, 130), List.of(notified(12, 20))))
                .isEmpty();
        assertThat(missed.recover(START, tick(4, 12, 130), List.of())).isEmpty();
    }

    @Test
    void collectionsDuringAnOutageAreRecoveredFromTheTotals() {
        missed.recover(START, tick(1, 10, 100), List.of());
        missed.recover(START, tick(2, 10, 100), List.of());
        // reconnected: 8 collections worth 400 ms happened while no notification could reach us
        assertThat(missed.recover(START, tick(3, 18, 500), List.of())).isEmpty();
        List<GcEvent> recovered = missed.recover(START, tick(4, 18, 500), List.of());

        assertThat(recovered).singleElement().satisfies(event -> {
            assertThat(event.recoveredCount()).isEqualTo(8);
            assertThat(event.durationMillis()).isEqualTo(400);
            assertThat(event.collector()).isEqualTo(YOUNG);
            assertThat(event.endEpochMillis()).isEqualTo(4);
        });
    }

    @Test
    void partlyNotifiedCollectionsRecoverOnlyTheRest() {
        missed.recover(START, tick(1, 10, 100), List.of());
        missed.recover(START, tick(2, 13, 160), List.of(notified(11, 15), notified(13, 25)));
        List<GcEvent> recovered = missed.recover(START, tick(3, 13, 160), List.of());

        assertThat(recovered).singleElement().satisfies(event -> {
            assertThat(event.recoveredCount()).isEqualTo(1);
            assertThat(event.durationMillis()).isEqualTo(20);
        });
    }

    @Test
    void aRestartedTargetStartsAfresh() {
        missed.recover(START, tick(1, 10, 100), List.of());
        missed.recover(START, tick(2, 10, 100), List.of());

        assertThat(missed.recover(START + 60_000, tick(3, 2, 10), List.of())).isEmpty();
        assertThat(missed.recover(START + 60_000, tick(4, 2, 10), List.of())).isEmpty();
    }

    private static GcEvent notified(long id, long millis) {
        return new GcEvent(0, YOUNG, "end of minor GC", "G1 Evacuation Pause", millis, false, 0, id);
    }

    private static JvmSample tick(long epochMillis, long count, long timeMillis) {
        MemoryUsageSample usage = new MemoryUsageSample(1, 1, 1);
        return new JvmSample(
                epochMillis,
                0,
                usage,
                usage,
                List.of(),
                new ThreadSample(1, 1, 1),
                Double.NaN,
                Double.NaN,
                List.of(),
                List.of(new CollectorTotals(YOUNG, count, timeMillis)),
                PollCost.UNKNOWN);
    }
}
