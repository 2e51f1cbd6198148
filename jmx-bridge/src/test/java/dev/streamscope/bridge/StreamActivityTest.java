package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The compact counters and the ticking clock the call wrappers stamp activity with. */
class StreamActivityTest {

    @Test
    void countsStopAtTheirMaximumInsteadOfWrapping() {
        assertThat(StreamActivity.incremented(0)).isEqualTo(1);
        assertThat(StreamActivity.incremented(Integer.MAX_VALUE - 1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(StreamActivity.incremented(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void activityOffsetsAreNeverNegativeAndStopAtTheirMaximum() {
        long start = 1_700_000_000_000L;

        assertThat(StreamActivity.offsetMillis(start, start + 1_234)).isEqualTo(1_234);
        // the wall clock stepped back
        assertThat(StreamActivity.offsetMillis(start, start - 5_000)).isZero();
        // 30 days after the start: past what an int holds
        assertThat(StreamActivity.offsetMillis(
                        start, start + Duration.ofDays(30).toMillis()))
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theTickingClockFollowsTheWallClock() {
        TickingClock clock = new TickingClock("clock-follows-wall-clock");
        clock.hold();
        try {
            long first = clock.millis();

            assertThat(Math.abs(first - System.currentTimeMillis())).isLessThan(1_000);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(clock.millis()).isGreaterThan(first));
        } finally {
            clock.release();
        }
    }

    @Test
    void aStreamsLastActivityIsItsLatestMessage() {
        long[] now = {1_700_000_000_000L};
        OpenStreamRegistry registry = new OpenStreamRegistry(10, () -> now[0]);
        TrackedServerCall<String, String> call =
                new TrackedServerCall<>(new IdleServerCall(ProbeService.CHAT, 1), registry);
        assertThat(registry.open(call)).isTrue();

        now[0] += 2_500;
        call.messageReceived();
        now[0] += 1_000;
        call.sendMessage("reply");
        now[0] += 7_000;

        StreamRow row = registry.oldest(1).get(0);
        assertThat(row.getStartEpochMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(row.getLastActivityEpochMillis()).isEqualTo(1_700_000_003_500L);
        assertThat(row.getAgeMillis()).isEqualTo(10_500);
        assertThat(row.getMessagesReceived()).isEqualTo(1);
        assertThat(row.getMessagesSent()).isEqualTo(1);
    }
}
