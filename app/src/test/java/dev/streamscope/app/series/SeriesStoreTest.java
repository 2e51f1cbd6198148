package dev.streamscope.app.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesStoreTest {

    @Test
    void createsSeriesOnFirstAppendAndListsThemInCreationOrder() {
        SeriesStore store = new SeriesStore(100, 10, 100);
        store.append("b", 1_000, 1);
        store.append("a", 1_000, 2);
        store.append("b", 2_000, 3);

        assertThat(store.keys()).containsExactly("b", "a");
        assertThat(store.find("b").orElseThrow().size()).isEqualTo(2);
        assertThat(store.find("missing")).isEmpty();
    }

    @Test
    void dropsPointsOfSeriesBeyondTheBound() {
        SeriesStore store = new SeriesStore(100, 2, 100);
        assertThat(store.append("one", 1, 1)).isTrue();
        assertThat(store.append("two", 1, 1)).isTrue();

        assertThat(store.append("three", 1, 1)).isFalse();
        assertThat(store.append("one", 2, 2)).isTrue();
        assertThat(store.seriesCount()).isEqualTo(2);
        assertThat(store.droppedAppends()).isEqualTo(1);
    }

    @Test
    void markGapBreaksEverySeries() {
        SeriesStore store = new SeriesStore(100, 10, 100);
        store.append("heap", 1_000, 1);
        store.append("threads", 1_000, 1);

        store.markGap(2_000);

        for (String key : store.keys()) {
            TimeSeriesBuffer buffer = store.find(key).orElseThrow();
            assertThat(buffer.newestValue()).as(key).isNaN();
            assertThat(buffer.newestTime()).as(key).isEqualTo(2_000);
        }
    }

    @Test
    void oldestTimeCoversSeriesAndGcEvents() {
        SeriesStore store = new SeriesStore(100, 10, 100);
        assertThat(store.oldestTime()).isEqualTo(Long.MAX_VALUE);

        store.append("heap", 5_000, 1);
        store.addGcEvent(TestSamples.youngPause(3_000, 5));

        assertThat(store.oldestTime()).isEqualTo(3_000);
        assertThat(store.keysStartingWith("he")).containsExactly("heap");
    }
}
