package dev.streamscope.app.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockTextTest {

    private static final Instant AT = Instant.parse("2026-03-01T14:03:27.900Z");

    @Test
    void formatShowsHoursMinutesSecondsInTheMachinesZone() {
        LocalTime local = LocalTime.ofInstant(AT, ZoneId.systemDefault());

        assertThat(ClockText.format(AT))
                .isEqualTo("%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond());
    }

    @Test
    void formatterForAnotherZoneCutsTheMillisAndCountsHoursToTwentyFour() {
        assertThat(ClockText.formatter(ZoneOffset.UTC).format(AT)).isEqualTo("14:03:27");
        assertThat(ClockText.formatter(ZoneOffset.ofHours(11)).format(AT)).isEqualTo("01:03:27");
    }
}
