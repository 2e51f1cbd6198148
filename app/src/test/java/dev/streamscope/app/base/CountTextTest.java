package dev.streamscope.app.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountTextTest {

    @Test
    void atLeastIsTheBareNumberWhenExact() {
        assertThat(CountText.atLeast(37, 37)).isEqualTo("37");
    }

    @Test
    void atLeastMarksALowerBound() {
        assertThat(CountText.atLeast(37, 40)).isEqualTo("≥ 37");
        assertThat(CountText.atLeast(0, 40)).isEqualTo("≥ 0");
    }

    @Test
    void rangeShowsBothBoundsOnlyWhenTheyDiffer() {
        assertThat(CountText.range(37, 37)).isEqualTo("37");
        assertThat(CountText.range(37, 40)).isEqualTo("37..40");
    }
}
