package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamscope.app.base.TargetProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JmxAddressTest {

    @Test
    void hostAndPortBecomesTheAgentsRegistryUrl() throws TargetProblem {
        JmxTarget target = JmxAddress.parse("db-7.example.com:9010", null, null, false);

        assertThat(target.url().toString()).isEqualTo("service:jmx:rmi:///jndi/rmi://db-7.example.com:9010/jmxrmi");
        assertThat(target.address()).isEqualTo("db-7.example.com:9010");
        assertThat(target.hasCredentials()).isFalse();
        assertThat(target.ssl()).isFalse();
    }

    @Test
    void bracketedIpv6AddressKeepsItsBrackets() throws TargetProblem {
        JmxTarget target = JmxAddress.parse("[::1]:9010", null, null, false);

        assertThat(target.url().toString()).isEqualTo("service:jmx:rmi:///jndi/rmi://[::1]:9010/jmxrmi");
    }

    @Test
    void fullServiceUrlIsTakenAsGiven() throws TargetProblem {
        String url = "service:jmx:rmi://127.0.0.1:9011/jndi/rmi://127.0.0.1:9010/jmxrmi";

        assertThat(JmxAddress.parse(url, null, null, true).url().toString()).isEqualTo(url);
    }

    @Test
    void surroundingWhitespaceIsIgnored() throws TargetProblem {
        JmxTarget target = JmxAddress.parse("  \tlocalhost:9010 \n", " monitor ", "pw".toCharArray(), true);

        assertThat(target.address()).isEqualTo("localhost:9010");
        assertThat(target.user()).isEqualTo("monitor");
        assertThat(target.password()).containsExactly('p', 'w');
        assertThat(target.ssl()).isTrue();
    }

    @Test
    void blankUserMeansNoCredentials() throws TargetProblem {
        assertThat(JmxAddress.parse("localhost:9010", "  ", null, false).hasCredentials())
                .isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void emptyAddressAsksForOne(String address) {
        assertMalformed(address, "No JMX address given");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:", "[::1]", "[::1]:"})
    void addressWithoutPortSaysThePortIsMissing(String address) {
        assertMalformed(address, "has no port");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "localhost:abc|'abc' in 'localhost:abc' is not a number",
                "localhost:90x0|'90x0' in 'localhost:90x0' is not a number",
                "localhost:-1|'-1' in 'localhost:-1' is not a number",
                "localhost:0|port 0 in 'localhost:0' is out of range",
                "localhost:65536|port 65536 in 'localhost:65536' is out of range",
                "localhost:99999999999|port 99999999999 in 'localhost:99999999999' is out of range"
            })
    void badPortIsNamed(String address, String expected) {
        assertMalformed(address, expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "service:jmx:|is not a valid JMX service URL",
                "service:jmx:rmi://[oops/jndi|is not a valid JMX service URL",
                "service:jmx:jmxmp://host:9010|uses the JMX protocol 'jmxmp'"
            })
    void badServiceUrlIsNamed(String address, String expected) {
        assertMalformed(address, expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "::1:9010|put it in brackets",
                ":9010|has no host name",
                "local host:9010|is not a valid host name",
                "[::1:9010|never closes it",
                "[::1]9010|after the IPv6 address",
                "[nothost]:9010|is not an IPv6 address"
            })
    void badHostIsNamed(String address, String expected) {
        assertMalformed(address, expected);
    }

    private static void assertMalformed(String address, String expected) {
        assertThatThrownBy(() -> JmxAddress.parse(address, null, null, false))
                .isInstanceOfSatisfying(
                        TargetProblem.class,
                        problem -> assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.MALFORMED_ADDRESS))
                .hasMessageContaining(expected);
    }
}
