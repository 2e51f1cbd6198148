package dev.streamscope.app.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimeSeriesBufferTest {

    @Test
    void keepsNewestPointsInOrderAfterWrappingAround() {
        TimeSeriesBuffer buffer = new TimeSeriesBuffer(5);
        for (int second = 0; second < 13; second++) {
            buffer.append(second * 1_000L, second * 10.0);
        }

        assertThat(buffer.size()).isEqualTo(5);
        for (int index = 0; index < 5; index++) {
            assertThat(buffer.timeAt(index)).isEqualTo((8 + index) * 1_000L);
            assertThat(buffer.valueAt(index)).isEqualTo((8 + index) * 10.0);
        }
        assertThat(buffer.oldestTime()).isEqualTo(8_000);
        assertThat(buffer.newestTime()).isEqualTo(12_000);
        assertThat(buffer.newestValue()).isEqualTo(120.0);
    }

    @Test
    void neverHoldsMoreThanItsCapacityAndAllocatesOnlyAsItFills() {
        TimeSeriesBuffer buffer = new TimeSeriesBuffer(30_000);
        buffer.append(0, 1);
        long oneChunk = buffer.retainedArrayBytes();
        for (int index = 1; index < 100_000; index++) {
            buffer.append(index, index);
        }

        assertThat(oneChunk).isEqualTo(TimeSeriesBuffer.CHUNK_POINTS * 16L);
        assertThat(buffer.size()).isEqualTo(30_000);
        assertThat(buffer.retainedArrayBytes()).isEqualTo(30_000L * 16);
    }

    @Test
    void keepsOrderAcrossChunksAfterManyWraps() {
        TimeSeriesBuffer buffer = new TimeSeriesBuffer(20_000);
        for (int index = 0; index < 123_457; index++) {
            buffer.append(index * 10L, index);
        }

        int oldest = 123_457 - 20_000;
        for (int index = 0; index < 20_000; index += 997) {
            assertThat(buffer.valueAt(index)).isEqualTo(oldest + index);
            assertThat(buffer.timeAt(index)).isEqualTo((oldest + index) * 10L);
        }
        assertThat(buffer.newestValue()).isEqualTo(123_456);
        assertThat(buffer.firstIndexAtOrAfter((oldest + 12_345) * 10L)).isEqualTo(12_345);
    }

    @Test
    void findsTheFirstPointOfAWindowAcrossTheWrap() {
        TimeSeriesBuffer buffer = new TimeSeriesBuffer(10);
        for (int second = 0; second < 25; second++) {
            buffer.append(second * 1_000L, second);
        }

        assertThat(buffer.firstIndexAtOrAfter(0)).isEqualTo(0);
        assertThat(buffer.firstIndexAtOrAfter(17_000)).isEqualTo(2);
        assertThat(buffer.firstIndexAtOrAfter(17_001)).isEqualTo(3);
        assertThat(buffer.firstIndexAtOrAfter(99_000)).isEqualTo(10);
    }

    @Test
    void keepsTimesInOrderWhenTheClockStepsBack() {
        TimeSeriesBuffer buffer = new TimeSeriesBuffer(10);
        buffer.append(5_000, 1);
        buffer.append(4_000, 2);

        assertThat(buffer.timeAt(1)).isEqualTo(5_000);
        assertThat(buffer.valueAt(1)).isEqualTo(2);
    }

    @Test
    void recordsOneBreakPerOutage() {
        TimeSeriesBuffer buffer = new TimeSeriesBuffer(10);
        buffer.append(1_000, 1);
        buffer.appendGap(2_000);
        buffer.appendGap(3_000);
        buffer.append(4_000, 4);

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.valueAt(1)).isNaN();
        assertThat(buffer.timeAt(1)).isEqualTo(2_000);
    }

    @Test
    void rejectsIndexesOutsideTheHeldPoints() {
        TimeSeriesBuffer buffer = new TimeSeriesBuffer(4);
        buffer.append(1, 1);

        assertThatThrownBy(() -> buffer.valueAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.timeAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new TimeSeriesBuffer(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropsPointsOlderThanAWindowAndKeepsAppendingInOrderInTheSpaceFreed() {
        TimeSeriesBuffer buffer = new TimeSeriesBuffer(10);
        for (long time = 1; time <= 8; time++) {
            buffer.append(time, time * 10);
        }

        buffer.dropBefore(6);
        for (long time = 9; time <= 15; time++) {
            buffer.append(time, time * 10);
        }

        assertThat(buffer.size()).isEqualTo(10);
        for (int index = 0; index < buffer.size(); index++) {
            assertThat(buffer.timeAt(index)).isEqualTo(6 + index);
            assertThat(buffer.valueAt(index)).isEqualTo((6 + index) * 10.0);
        }
        buffer.dropBefore(100);
        assertThat(buffer.isEmpty()).isTrue();
        buffer.append(101, 1);
        assertThat(buffer.oldestTime()).isEqualTo(101);
    }
}
