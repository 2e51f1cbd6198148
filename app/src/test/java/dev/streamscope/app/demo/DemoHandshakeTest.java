package dev.streamscope.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoHandshakeTest {

    @Test
    void lineReadsBackAsTheSameHandshake() {
        DemoHandshake handshake = DemoHandshake.of(40001, 40002, 1234);

        assertThat(handshake.line())
                .isEqualTo("STREAMSCOPE-DEMO-READY jmx=127.0.0.1:40001 channelz=127.0.0.1:40002 pid=1234");
        assertThat(DemoHandshake.parse(handshake.line())).contains(handshake);
    }

    @Test
    void otherLinesAreNotHandshakes() {
        assertThat(DemoHandshake.parse("SLF4J(W): No SLF4J providers were found."))
                .isEmpty();
        assertThat(DemoHandshake.parse("STREAMSCOPE-DEMO-READY jmx=10.0.0.1:1 channelz=127.0.0.1:2 pid=3"))
                .as("only loopback addresses are accepted")
                .isEmpty();
        assertThat(DemoHandshake.parse("STREAMSCOPE-DEMO-READY jmx=127.0.0.1:1 pid=3"))
                .isEmpty();
    }
}
