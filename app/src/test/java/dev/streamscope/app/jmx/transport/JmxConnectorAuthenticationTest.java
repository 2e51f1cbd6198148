package dev.streamscope.app.jmx.transport;

import static dev.streamscope.app.jmx.transport.JmxConnectorFailureTest.openFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.RemoteJvmConnection;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM whose agent requires a password (files with owner-only permissions, as the agent insists). */
class JmxConnectorAuthenticationTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));

    @TempDir
    static Path folder;

    private static ChildJvm child;

    @BeforeAll
    static void startTarget() throws Exception {
        Map<String, String> jmxremote = new HashMap<>(JmxSecurityFiles.authentication(folder));
        jmxremote.put("ssl", "false");
        child = ChildJvm.startWithJmx(JmxChildMain.class, jmxremote, List.of(), List.of());
    }

    @AfterAll
    static void stopTarget() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void connectingWithoutCredentialsSaysTheyAreRequired() throws TargetProblem {
        TargetProblem problem = openFails(JmxAddress.parse(child.jmxAddress(), null, null, false), TIMEOUTS);

        assertThat(problem.kind()).isEqualTo(Kind.CREDENTIALS_REQUIRED);
        assertThat(problem).hasMessageContaining(child.jmxAddress()).hasMessageContaining("user name and password");
    }

    @Test
    void wrongPasswordFailsAuthentication() throws TargetProblem {
        JmxTarget target = JmxAddress.parse(child.jmxAddress(), JmxSecurityFiles.USER, "wrong".toCharArray(), false);

        TargetProblem problem = openFails(target, TIMEOUTS);

        assertThat(problem.kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
        assertThat(problem).hasMessageContaining(child.jmxAddress()).hasMessageContaining("'monitor'");
        assertThat(problem.getMessage()).doesNotContain("wrong");
    }

    @Test
    void rightCredentialsConnect() throws Exception {
        JmxTarget target = JmxAddress.parse(
                child.jmxAddress(), JmxSecurityFiles.USER, JmxSecurityFiles.PASSWORD.toCharArray(), false);

        OpenedJmx opened = JmxConnector.open(target, TIMEOUTS);
        try {
            assertThat(opened.server().getDefaultDomain()).isNotEmpty();
            assertThat(opened.connector().getConnectionId()).contains(JmxSecurityFiles.USER);
        } finally {
            opened.connector().close();
        }
    }

    @Test
    void readonlyUserIsToldAHistogramNeedsMore() throws Exception {
        JmxTarget target = JmxAddress.parse(
                child.jmxAddress(), JmxSecurityFiles.USER, JmxSecurityFiles.PASSWORD.toCharArray(), false);

        try (JvmConnection connection = RemoteJvmConnection.open(JmxConnector.open(target, TIMEOUTS), TIMEOUTS)) {
            TargetProblem problem = catchThrowableOfType(
                    () -> connection.classHistogram(HistogramMode.ALL, Duration.ofSeconds(10)), TargetProblem.class);

            assertThat(problem.kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
            assertThat(problem)
                    .hasMessageContaining("'monitor'")
                    .hasMessageContaining("readwrite")
                    .hasMessageContaining("jcmd <pid> GC.class_histogram");
            // the connection is still good for what a readonly user may do
            assertThat(connection.sample().heap()).isNotNull();
        }
    }
}
