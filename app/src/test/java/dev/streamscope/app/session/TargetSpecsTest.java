package dev.streamscope.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.channelz.ChannelzTarget;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a user types for a target, as the dialog and the command line hand it over. */
class TargetSpecsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"''|128", "'  '|128", "1|1", "16|16", "' 64 '|64", "1024|1024"})
    void rpcsInFlightAreTakenFromTheTextOrDefaultWhenBlank(String text, int expected) throws TargetProblem {
        TargetSpec spec = TargetSpecs.parse("", null, null, false, "127.0.0.1:50051", plaintext(text));

        assertThat(spec.channelz().maxInFlight()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1025", "abc", "12.5", "99999999999", "1e3"})
    void rpcsInFlightOutsideTheRangeSayWhatIsAllowed(String text) {
        assertThatThrownBy(() -> TargetSpecs.parse("", null, null, false, "127.0.0.1:50051", plaintext(text)))
                .isInstanceOfSatisfying(
                        TargetProblem.class,
                        problem -> assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.MALFORMED_ADDRESS))
                .hasMessageStartingWith(
                        "Channelz RPCs in flight must be a whole number from 1 to 1024; got \"" + text + "\".");
    }

    @Test
    void rpcsInFlightGoWithTlsToo() throws TargetProblem {
        TargetSpecs.ChannelzOptions options =
                new TargetSpecs.ChannelzOptions(true, "ca.pem", "orders.internal", "client.pem", "client.key", "8");

        ChannelzTarget channelz = TargetSpecs.parse("", null, null, false, "10.0.0.5:443", options)
                .channelz();

        assertThat(channelz.maxInFlight()).isEqualTo(8);
        assertThat(channelz.mutual()).isTrue();
        assertThat(channelz.caFile()).isEqualTo(Path.of("ca.pem"));
        assertThat(channelz.expectedServerName()).isEqualTo("orders.internal");
    }

    @Test
    void rpcsInFlightMatterOnlyWithAChannelzAddress() throws TargetProblem {
        TargetSpec spec = TargetSpecs.parse("127.0.0.1:9010", null, null, false, "", plaintext("abc"));

        assertThat(spec.channelz()).isNull();
    }

    private static TargetSpecs.ChannelzOptions plaintext(String maxInFlight) {
        return new TargetSpecs.ChannelzOptions(false, "", "", "", "", maxInFlight);
    }
}
