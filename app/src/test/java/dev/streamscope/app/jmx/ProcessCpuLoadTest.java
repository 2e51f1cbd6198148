package dev.streamscope.app.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcessCpuLoadTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void loadIsCpuTimeOverElapsedTimeAndProcessors() {
        ProcessCpuLoad load = new ProcessCpuLoad();

        assertThat(load.next(5 * SECOND, 100 * SECOND, 4))
                .as("nothing to compare with yet")
                .isNaN();
        assertThat(load.next(7 * SECOND, 101 * SECOND, 4)).isCloseTo(0.5, within(1e-9));
        assertThat(load.next(7 * SECOND, 102 * SECOND, 4)).as("an idle second").isZero();
    }

    @Test
    void missingFiguresGiveNoLoad() {
        ProcessCpuLoad load = new ProcessCpuLoad();
        load.next(5 * SECOND, 100 * SECOND, 4);

        assertThat(load.next(-1, 101 * SECOND, 4))
                .as("the target reports no CPU time")
                .isNaN();
        assertThat(load.next(6 * SECOND, 102 * SECOND, 4))
                .as("the previous tick had no figure")
                .isNaN();
        assertThat(load.next(7 * SECOND, 103 * SECOND, 0))
                .as("processors unknown")
                .isNaN();
    }

    @Test
    void loadStaysWithinZeroAndOne() {
        ProcessCpuLoad load = new ProcessCpuLoad();
        load.next(5 * SECOND, 100 * SECOND, 1);

        // the reads' own latency can make CPU time outrun the elapsed time we measured, or a restart make it fall
        assertThat(load.next(7 * SECOND, 101 * SECOND, 1)).isEqualTo(1.0);
        assertThat(load.next(1 * SECOND, 102 * SECOND, 1)).isZero();
    }
}
