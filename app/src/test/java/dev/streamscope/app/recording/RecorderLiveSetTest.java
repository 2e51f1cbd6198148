package dev.streamscope.app.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.streams.LiveSetTrend.LiveSetEstimate;
import org.junit.jupiter.api.Test;

/**
 * The recorder's live-set trend from its old-generation-after-GC series, filled here as the JVM recorder fills it from
 * GC events (one point per collection); no JVM sample, so no old-generation max is known.
 */
class RecorderLiveSetTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aSteadyClimbAfterEachCollectionIsATrend() {
        SeriesStore store = new SeriesStore();
        for (int minute = 0; minute < 8; minute++) {
            store.append(SeriesKeys.OLD_GEN_USED_AFTER_GC, minute * 60_000L, (100 + 10 * minute) * MIB);
        }
        store.markGap(8 * 60_000L + 1);

        LiveSetEstimate estimate = new Recorder("t", true, false, store).liveSet();

        assertThat(estimate.reason()).isNull();
        assertThat(estimate.trend().points()).as("the gap is no collection").isEqualTo(8);
        assertThat(estimate.trend().slopeBytesPerMinute()).isCloseTo(10.0 * MIB, offset(1.0));
        assertThat(estimate.trend().r2()).isGreaterThan(0.99);
        assertThat(estimate.trend().projectedFullAt()).as("no max known").isNull();
    }

    @Test
    void tooFewCollectionsGiveAReasonInstead() {
        SeriesStore store = new SeriesStore();
        store.append(SeriesKeys.OLD_GEN_USED_AFTER_GC, 0, 100 * MIB);
        store.append(SeriesKeys.OLD_GEN_USED_AFTER_GC, 60_000, 100 * MIB);

        LiveSetEstimate estimate = new Recorder("t", true, false, store).liveSet();

        assertThat(estimate.trend()).isNull();
        assertThat(estimate.reason()).contains("only 2 collections");
    }
}
