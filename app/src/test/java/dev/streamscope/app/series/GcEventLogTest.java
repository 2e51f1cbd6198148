package dev.streamscope.app.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.gc.GcEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcEventLogTest {

    @Test
    void keepsTheNewestEventsWhenFull() {
        GcEventLog log = new GcEventLog(3);
        for (int second = 1; second <= 7; second++) {
            log.add(TestSamples.youngPause(second * 1_000L, second));
        }

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.get(0).endEpochMillis()).isEqualTo(5_000);
        assertThat(log.get(2).endEpochMillis()).isEqualTo(7_000);
        assertThat(log.oldestTime()).isEqualTo(5_000);
    }

    @Test
    void keepsOneCopyOfRepeatedNames() {
        GcEventLog log = new GcEventLog(10);
        log.add(new GcEvent(1, new String("G1 Young Generation"), "end of minor GC", "cause", 1, false, 0, 0));
        log.add(new GcEvent(2, new String("G1 Young Generation"), "end of minor GC", "cause", 1, false, 0, 0));

        assertThat(log.get(1).collector()).isSameAs(log.get(0).collector());
        assertThat(log.get(1))
                .isEqualTo(new GcEvent(2, "G1 Young Generation", "end of minor GC", "cause", 1, false, 0, 0));
    }

    @Test
    void visitsOnlyEventsInsideTheWindow() {
        GcEventLog log = new GcEventLog(10);
        log.add(TestSamples.youngPause(1_000, 1));
        log.add(TestSamples.youngPause(2_000, 2));
        log.add(TestSamples.youngPause(3_000, 3));

        List<Long> seen = new ArrayList<>();
        log.forEachBetween(2_000, 3_000, event -> seen.add(event.durationMillis()));

        assertThat(seen).containsExactly(2L, 3L);
    }
}
