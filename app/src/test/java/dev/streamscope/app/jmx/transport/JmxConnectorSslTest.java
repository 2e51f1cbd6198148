package dev.streamscope.app.jmx.transport;

import static dev.streamscope.app.jmx.transport.JmxConnectorFailureTest.openFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM whose agent speaks SSL, registry included, with a self-signed certificate made by keytool for this run.
 * The test JVM does not trust it; a client JVM started with a trust store does.
 */
class JmxConnectorSslTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));

    @TempDir
    static Path folder;

    private static ChildJvm child;

    @BeforeAll
    static void startTarget() throws Exception {
        Map<String, String> jmxremote = new HashMap<>(JmxSecurityFiles.sslAgent());
        jmxremote.put("authenticate", "false");
        child = ChildJvm.startWithJmx(
                JmxChildMain.class, jmxremote, JmxSecurityFiles.sslServerOptions(folder), List.of());
    }

    @AfterAll
    static void stopTarget() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void clientThatTrustsTheCertificateConnectsOverSsl() throws Exception {
        // the trust store is process-wide, so the client runs in a JVM of its own
        try (ChildJvm client = ChildJvm.start(
                JmxClientChildMain.class,
                JmxSecurityFiles.sslClientOptions(folder),
                List.of(child.jmxAddress(), "true"))) {

            // bytes received: the registry lookup went through StreamScope's metered SSL sockets
            assertThat(client.readyDetail()).matches("connected used=[1-9][0-9]* received=[1-9][0-9]*");
        }
    }

    @Test
    void plaintextClientToSslRegistrySaysSslIsRequired() throws TargetProblem {
        TargetProblem problem = openFails(JmxAddress.parse(child.jmxAddress(), null, null, false), TIMEOUTS);

        assertThat(problem.kind()).isEqualTo(Kind.SSL_REQUIRED);
        assertThat(problem).hasMessageContaining(child.jmxAddress()).hasMessageContaining("registry.ssl=true");
    }

    @Test
    void selfSignedCertificateIsUntrustedAndNamesTheTrustStoreOption() throws TargetProblem {
        TargetProblem problem = openFails(JmxAddress.parse(child.jmxAddress(), null, null, true), TIMEOUTS);

        assertThat(problem.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
        assertThat(problem)
                .hasMessageContaining(child.jmxAddress())
                .hasMessageContaining("-Djavax.net.ssl.trustStore=");
    }
}
