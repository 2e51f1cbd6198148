package dev.streamscope.app.lifetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifetimePolicyTest {

    @Test
    void noValuesGiveTheSixtySecondDefault() {
        assertThat(LifetimePolicy.parse(List.of())).isEqualTo(LifetimePolicy.DEFAULT);
        assertThat(LifetimePolicy.DEFAULT.lifetimeOf("pkg.Service/Anything")).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void parsesDefaultAndOverridesInEitherMethodForm() {
        LifetimePolicy policy = LifetimePolicy.parse(List.of("30s", "/pkg.Service/Watch=1h", "pkg.Other/Tail=5m"));

        assertThat(policy.defaultLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.lifetimeOf("/pkg.Service/Watch")).isEqualTo(Duration.ofHours(1));
        assertThat(policy.lifetimeOf("pkg.Service/Watch")).isEqualTo(Duration.ofHours(1));
        assertThat(policy.lifetimeOf("pkg.Other/Tail")).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.lifetimeOf("pkg.Service/Get")).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.lifetimeOf(null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.shortest()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.longest()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.uniform()).isFalse();
    }

    @Test
    void anOverrideAloneKeepsTheDefaultLifetime() {
        LifetimePolicy policy = LifetimePolicy.parse(List.of("/pkg.Service/Quick=2s"));

        assertThat(policy.defaultLifetime()).isEqualTo(LifetimePolicy.DEFAULT_LIFETIME);
        assertThat(policy.shortest()).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.longest()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void textFormRoundTrips() {
        LifetimePolicy policy = LifetimePolicy.parse(List.of("90s", "/pkg.Service/Watch=1h", "/a.B/C=1500ms"));

        assertThat(policy.toText()).isEqualTo("90s, /a.B/C=1500ms, /pkg.Service/Watch=1h");
        assertThat(LifetimePolicy.fromText(policy.toText())).isEqualTo(policy);
        assertThat(LifetimePolicy.fromText("")).isEqualTo(LifetimePolicy.DEFAULT);
    }

    @Test
    void overridesEqualToTheDefaultKeepThePolicyUniform() {
        assertThat(LifetimePolicy.parse(List.of("1m", "/a.B/C=60s")).uniform()).isTrue();
    }

    @Test
    void rejectsABadDurationNamingTheMethod() {
        assertThatThrownBy(() -> LifetimePolicy.parse(List.of("/pkg.Service/Watch=forever")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Lifetime of /pkg.Service/Watch: 'forever' is not a duration");
        assertThatThrownBy(() -> LifetimePolicy.parse(List.of("sixty")))
                .hasMessageStartingWith("Lifetime of the default lifetime: 'sixty' is not a duration");
    }

    @Test
    void rejectsZeroLifetimes() {
        assertThatThrownBy(() -> LifetimePolicy.parse(List.of("0s")))
                .hasMessage("Lifetime of the default lifetime must be longer than 0, was 0s");
        assertThatThrownBy(() -> LifetimePolicy.parse(List.of("/a.B/C=0ms")))
                .hasMessage("Lifetime of /a.B/C must be longer than 0, was 0s");
    }

    @Test
    void rejectsMalformedMethodNames() {
        assertThatThrownBy(() -> LifetimePolicy.parse(List.of("pkg.Service=1h")))
                .hasMessageStartingWith("'pkg.Service' is not a full method name; write /package.Service/Method");
        assertThatThrownBy(() -> LifetimePolicy.parse(List.of("/a/b/c=1h")))
                .hasMessageStartingWith("'/a/b/c' is not a full method name");
        assertThatThrownBy(() -> LifetimePolicy.parse(List.of("=1h")))
                .hasMessageStartingWith("'=1h' names no method before '='");
    }

    @Test
    void rejectsEmptyAndRepeatedValues() {
        assertThatThrownBy(() -> LifetimePolicy.parse(List.of(" "))).hasMessageStartingWith("A lifetime is empty");
        assertThatThrownBy(() -> LifetimePolicy.parse(List.of("60s", "2m")))
                .hasMessage("The default lifetime is given twice (1m and 2m); give it once");
        assertThatThrownBy(() -> LifetimePolicy.parse(List.of("/a.B/C=1h", "a.B/C=2h")))
                .hasMessage("/a.B/C is given two lifetimes; give it one");
    }
}
