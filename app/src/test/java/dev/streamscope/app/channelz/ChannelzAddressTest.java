package dev.streamscope.app.channelz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamscope.app.base.TargetProblem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelzAddressTest {

    @Test
    void hostAndPortParse() throws TargetProblem {
        assertThat(ChannelzAddress.parse(" 127.0.0.1:50051 ")).isEqualTo(new ChannelzAddress("127.0.0.1", 50051));
        assertThat(ChannelzAddress.parse("orders.internal:443").host()).isEqualTo("orders.internal");
    }

    @Test
    void bracketedIpv6Parses() throws TargetProblem {
        ChannelzAddress address = ChannelzAddress.parse("[::1]:50051");
        assertThat(address.host()).isEqualTo("::1");
        assertThat(address.authority()).isEqualTo("[::1]:50051");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|it is empty",
                "localhost|the port is missing",
                ":50051|the host is missing",
                "localhost:http|is not a number",
                "localhost:70000|outside 1 to 65535",
                "::1:50051|needs brackets",
                "[::1]|brackets and a port",
                "http://localhost:50051|has a scheme"
            })
    void badAddressSaysWhatIsWrong(String text, String why) {
        assertThatThrownBy(() -> ChannelzAddress.parse(text))
                .isInstanceOfSatisfying(
                        TargetProblem.class,
                        problem -> assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.MALFORMED_ADDRESS))
                .hasMessageContaining(why)
                .hasMessageContaining("host:port");
    }

    @Test
    void targetRefusesHalfAClientCertificate() {
        ChannelzAddress address = new ChannelzAddress("127.0.0.1", 1);
        assertThatThrownBy(() -> ChannelzTarget.mutualTls(address, null, null, Path.of("client.pem"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
    }

    @Test
    void plaintextTargetRefusesTlsFiles() {
        ChannelzAddress address = new ChannelzAddress("127.0.0.1", 1);
        assertThatThrownBy(() -> new ChannelzTarget(address, false, Path.of("ca.pem"), null, null, null, 128))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void targetsWalkWith128RpcsInFlightUnlessTold() {
        ChannelzAddress address = new ChannelzAddress("127.0.0.1", 1);
        ChannelzTarget tls = ChannelzTarget.tls(address, Path.of("ca.pem"), "orders.internal");

        assertThat(ChannelzTarget.plaintext(address).maxInFlight()).isEqualTo(128);
        assertThat(tls.maxInFlight()).isEqualTo(128);
        assertThat(tls.withMaxInFlight(8))
                .isEqualTo(new ChannelzTarget(address, true, Path.of("ca.pem"), "orders.internal", null, null, 8));
    }

    @Test
    void targetRefusesRpcsInFlightOutsideOneTo1024() {
        ChannelzTarget target = ChannelzTarget.plaintext(new ChannelzAddress("127.0.0.1", 1));

        assertThat(target.withMaxInFlight(1).maxInFlight()).isEqualTo(1);
        assertThat(target.withMaxInFlight(1024).maxInFlight()).isEqualTo(1024);
        assertThatThrownBy(() -> target.withMaxInFlight(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 1 to 1024");
        assertThatThrownBy(() -> target.withMaxInFlight(1025))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 1 to 1024");
    }

    @Test
    void serverNameOverrideIsTheExpectedName() {
        ChannelzTarget target = ChannelzTarget.tls(new ChannelzAddress("10.0.0.5", 443), null, "orders.internal");
        assertThat(target.expectedServerName()).isEqualTo("orders.internal");
    }
}
