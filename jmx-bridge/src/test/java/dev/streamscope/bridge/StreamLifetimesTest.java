package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** The bridge's own reading of StreamScope's {@code --lifetime} syntax. */
class StreamLifetimesTest {

    @Test
    void defaultAndOverridesInEitherMethodForm() {
        StreamLifetimes lifetimes = StreamLifetimes.parse(" 90s, /pkg.Svc/Watch=1h pkg.Svc/Tail=500ms");

        assertThat(lifetimes.lifetimeMillisOf("pkg.Svc/Watch")).isEqualTo(3_600_000);
        assertThat(lifetimes.lifetimeMillisOf("pkg.Svc/Tail")).isEqualTo(500);
        assertThat(lifetimes.lifetimeMillisOf("pkg.Svc/Get")).isEqualTo(90_000);
        assertThat(lifetimes.shortestMillis()).isEqualTo(500);
    }

    @Test
    void textFormReadsBackAsTheSameLifetimes() {
        StreamLifetimes lifetimes = StreamLifetimes.parse("/pkg.Svc/Watch=60m,120s,/pkg.Svc/Tail=1500ms");

        assertThat(lifetimes.toText()).isEqualTo("2m, /pkg.Svc/Tail=1500ms, /pkg.Svc/Watch=1h");
        assertThat(StreamLifetimes.parse(lifetimes.toText())).isEqualTo(lifetimes);
    }

    @Test
    void overridesAloneKeepTheSixtySecondDefault() {
        StreamLifetimes lifetimes = StreamLifetimes.parse("/pkg.Svc/Watch=1h");

        assertThat(lifetimes.lifetimeMillisOf("pkg.Svc/Other")).isEqualTo(60_000);
        assertThat(StreamLifetimes.of(Duration.ofMinutes(5))
                        .withOverride("/a.B/C", Duration.ofSeconds(1))
                        .toText())
                .isEqualTo("5m, /a.B/C=1s");
    }

    @Test
    void mistakesNameTheValueAndTheForm() {
        assertThatThrownBy(() -> StreamLifetimes.parse("soon"))
                .hasMessageContaining("'soon' is not a duration")
                .hasMessageContaining("500ms, 1s, 5m or 1h");
        assertThatThrownBy(() -> StreamLifetimes.parse("60s,2m")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> StreamLifetimes.parse("Watch=1h")).hasMessageContaining("/package.Service/Method");
        assertThatThrownBy(() -> StreamLifetimes.parse("/a.B/C=1h,/a.B/C=2h")).hasMessageContaining("two lifetimes");
        assertThatThrownBy(() -> StreamLifetimes.parse("0s")).hasMessageContaining("at least 1ms");
        assertThatThrownBy(() -> StreamLifetimes.parse("  ")).hasMessageContaining("No lifetime given");
    }

    @Test
    void aBadPropertyIsLoggedAndIgnoredRatherThanFailingTheService() {
        List<String> logged = new ArrayList<>();
        System.Logger logger = new System.Logger() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
                logged.add(level + " " + message);
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                logged.add(level + " " + format);
            }
        };

        assertThat(StreamScopeBridge.fromProperty("soon", logger)).isNull();
        assertThat(StreamScopeBridge.fromProperty(null, logger)).isNull();
        assertThat(StreamScopeBridge.fromProperty("90s", logger)).isEqualTo(StreamLifetimes.of(Duration.ofSeconds(90)));

        assertThat(logged).singleElement().asString().startsWith("WARNING").contains("-Dstreamscope.lifetime=soon");
    }
}
