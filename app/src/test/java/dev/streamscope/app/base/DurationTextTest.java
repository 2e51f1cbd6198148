package dev.streamscope.app.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parsesEveryUnitPeopleType() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse(" 1s ")).isEqualTo(Duration.ofSeconds(1));
        assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("5min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void rejectsTextWithAMessageShowingTheForms() {
        assertThatThrownBy(() -> DurationText.parse("soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'soon' is not a duration (try 500ms, 1s, 2m)");
        assertThatThrownBy(() -> DurationText.parse("1.5s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("-1s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsDurationsTooLongToCountInMillisecondsInsteadOfOverflowing() {
        // Duration.ofHours would take this one, but its toMillis() would throw ArithmeticException later
        assertThatThrownBy(() -> DurationText.parse("9999999999999h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'9999999999999h' is too long a duration (try 500ms, 1s, 2m)");
        assertThatThrownBy(() -> DurationText.parse("9999999999999999h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> DurationText.parse("99999999999999999999ms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
        assertThat(DurationText.parse("2562047788015h").toMillis()).isEqualTo(2_562_047_788_015L * 3_600_000);
    }

    @Test
    void formatsTheShortestExactForm() {
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationText.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(DurationText.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(DurationText.parse(DurationText.format(Duration.ofMillis(250))))
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void writesAgesAsPeopleReadThem() {
        assertThat(DurationText.age(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(DurationText.age(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(DurationText.age(Duration.ofSeconds(252))).isEqualTo("4 min 12 s");
        assertThat(DurationText.age(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(DurationText.age(Duration.ofHours(50))).isEqualTo("2 d 2 h");
    }
}
