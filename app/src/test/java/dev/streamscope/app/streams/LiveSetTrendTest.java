package dev.streamscope.app.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamscope.app.streams.LiveSetTrend.LiveSetEstimate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/** Synthetic collections, one a minute, of an old generation with a 1 GiB max. */
class LiveSetTrendTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final long MIB = 1024 * 1024;
    private static final long MAX = 1024 * MIB;

    @Test
    void steadyClimbIsFlaggedWithItsRateAndWhenTheOldGenerationIsFull() {
        Random noise = new Random(1);
        // 200 MiB live, 10 MiB more a minute, a few MiB of noise
        LiveSetTrend trend = trend(20, minute -> 200 * MIB + minute * 10 * MIB + noise.nextInt((int) (4 * MIB)));

        assertThat(trend.flagged()).isTrue();
        assertThat(trend.slopeBytesPerMinute()).isCloseTo(10.0 * MIB, within(0.5 * MIB));
        assertThat(trend.r2()).isGreaterThan(0.95);
        assertThat(trend.points()).isEqualTo(20);
        // at minute 19 about 392 MiB: 632 MiB left at 10 MiB a minute is about 63 minutes more
        assertThat(trend.projectedFullAt())
                .isBetween(START.plus(Duration.ofMinutes(19 + 60)), START.plus(Duration.ofMinutes(19 + 66)));
        assertThat(trend.projection(START.plus(Duration.ofMinutes(19)))).startsWith("full in ≈ 1 h");
    }

    @Test
    void flatLiveSetWithNoiseIsNotFlagged() {
        Random noise = new Random(2);
        LiveSetTrend trend = trend(30, minute -> 300 * MIB + noise.nextInt((int) (40 * MIB)));

        assertThat(trend.flagged()).isFalse();
        assertThat(trend.projectedFullAt()).isNull();
        assertThat(trend.projection(START)).isEmpty();
    }

    @Test
    void tinyButPerfectlySteadyGrowthIsNotSignificant() {
        // 100 KiB a minute for 20 minutes: 2 MiB of a 1 GiB old generation
        LiveSetTrend trend = trend(20, minute -> 300 * MIB + minute * 100 * 1024L);

        assertThat(trend.r2()).isGreaterThan(0.99);
        assertThat(trend.flagged()).isFalse();
    }

    @Test
    void sawtoothOfPromotionsAndFullCollectionsIsNotFlagged() {
        // climbs for 5 minutes, then a full collection brings it back: no strong line through it
        LiveSetTrend trend = trend(30, minute -> 200 * MIB + (minute % 6) * 60 * MIB);

        assertThat(trend.flagged()).isFalse();
    }

    @Test
    void withoutAMaxTheRiseIsJudgedAgainstTheLiveSetAndNothingIsProjected() {
        LiveSetTrend trend = trend(20, minute -> 200 * MIB + minute * 10 * MIB);

        LiveSetEstimate estimate = LiveSetTrend.of(points(20, minute -> 200 * MIB + minute * 10 * MIB), -1);

        assertThat(trend.flagged()).isTrue();
        assertThat(estimate.trend().flagged()).isTrue();
        assertThat(estimate.trend().projectedFullAt()).isNull();
    }

    @Test
    void tooFewCollectionsGiveNoTrendButAReason() {
        LiveSetEstimate estimate = LiveSetTrend.of(points(3, minute -> minute * MIB), MAX);

        assertThat(estimate.trend()).isNull();
        assertThat(estimate.reason())
                .isEqualTo("only 3 collections of the old generation seen; a trend needs at least 5");
    }

    private static LiveSetTrend trend(int collections, IntToLongFunction bytes) {
        LiveSetEstimate estimate = LiveSetTrend.of(points(collections, bytes), MAX);
        assertThat(estimate.reason()).isNull();
        return estimate.trend();
    }

    private static List<LiveSetPoint> points(int collections, IntToLongFunction bytes) {
        List<LiveSetPoint> points = new ArrayList<>();
        for (int minute = 0; minute < collections; minute++) {
            points.add(new LiveSetPoint(START.plus(Duration.ofMinutes(minute)), bytes.applyAsLong(minute)));
        }
        return points;
    }
}
