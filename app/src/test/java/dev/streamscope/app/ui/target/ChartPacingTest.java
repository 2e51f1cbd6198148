package dev.streamscope.app.ui.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Charts redraw once a tick; channelz refreshes redraw only where no ticks come. */
class ChartPacingTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final ChartPacing pacing = new ChartPacing(Duration.ofSeconds(1));

    @Test
    void aChannelzRefreshBetweenTicksWaitsForTheNextTick() {
        assertThat(pacing.redraw(true, false, 0)).isTrue();
        assertThat(pacing.redraw(false, true, SECOND / 2)).isFalse();
        assertThat(pacing.redraw(true, false, SECOND)).isTrue();
        assertThat(pacing.redraw(true, true, 2 * SECOND)).isTrue();
    }

    @Test
    void aChannelzOnlyTargetRedrawsOnEveryRefresh() {
        assertThat(pacing.redraw(false, true, 0)).isTrue();
        assertThat(pacing.redraw(false, true, SECOND)).isTrue();
        assertThat(pacing.redraw(false, false, 2 * SECOND)).isFalse();
    }

    @Test
    void channelzRedrawsAgainOnceTheJvmSideFallsSilent() {
        pacing.redraw(true, false, 0);

        assertThat(pacing.redraw(false, true, SECOND)).isFalse();
        // two intervals without a tick: the JVM side is down or stalled, channelz still answers
        assertThat(pacing.redraw(false, true, 2 * SECOND + 1)).isTrue();
        assertThat(pacing.redraw(true, false, 3 * SECOND)).isTrue();
        assertThat(pacing.redraw(false, true, 3 * SECOND + SECOND / 2)).isFalse();
    }
}
