package dev.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.base.ClockText;
import dev.streamscope.app.base.SizeText;
import dev.streamscope.app.chart.Unit;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.recording.StreamsState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A machine set to German writes "12,3" for 12.3 by default: our texts and files must keep the dot all the same. */
class GermanLocaleTest {

    private Locale before;

    @BeforeEach
    void germanMachine() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(before);
    }

    @Test
    void sizesKeepTheDotAndTheCommaForThousands() {
        assertThat(SizeText.mebibytes(12.3 * SizeText.BYTES_PER_MEBIBYTE)).isEqualTo("12.3 MiB");
        assertThat(SizeText.wholeMebibytes(2048 * SizeText.BYTES_PER_MEBIBYTE)).isEqualTo("2,048 MiB");
        assertThat(SizeText.kibibytes(5_325)).isEqualTo("5.2 KiB");
    }

    @Test
    void chartUnitsKeepTheDot() {
        assertThat(Unit.MEBIBYTES.format(1234.5)).isEqualTo("1,234.5 MiB");
        assertThat(Unit.MILLISECONDS.format(2.5)).isEqualTo("2.5 ms");
        assertThat(Unit.COUNT.format(12_043)).isEqualTo("12,043");
    }

    @Test
    void overdueCountsGroupThousandsWithCommas() {
        assertThat(StreamsState.describe(new OverdueCount(12_043, 12_043))).isEqualTo("12,043");
        assertThat(StreamsState.describe(new OverdueCount(1_200, 1_500))).isEqualTo("1,200 to 1,500");
    }

    @Test
    void clockTimesAreDigitsAndColons() {
        assertThat(ClockText.formatter(ZoneOffset.UTC).format(Instant.parse("2026-03-01T14:03:27Z")))
                .isEqualTo("14:03:27");
    }
}
