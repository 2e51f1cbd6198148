package dev.streamscope.app.jmx.transport;

import static dev.streamscope.app.jmx.transport.JmxConnectorFailureTest.openFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Failures that need a JVM of their own: each test starts and ends its child. */
class JmxConnectorChildFailureTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    private static final Map<String, String> OPEN_AGENT = Map.of("authenticate", "false", "ssl", "false");

    @Test
    void callToAJvmThatExitedIsConnectionLost() throws Exception {
        ChildJvm child = ChildJvm.startWithJmx(JmxChildMain.class, OPEN_AGENT, List.of(), List.of());
        OpenedJmx opened;
        try {
            opened = JmxConnector.open(JmxAddress.parse(child.jmxAddress(), null, null, false), TIMEOUTS);
        } finally {
            child.close();
        }
        try {
            Throwable thrown = catchThrowable(
                    () -> opened.server().getAttribute(new ObjectName("java.lang:type=Runtime"), "Uptime"));

            TargetProblem problem = JmxFailures.classifyCall(thrown, opened.target());

            assertThat(problem.kind()).isEqualTo(Kind.CONNECTION_LOST);
            assertThat(problem).hasMessageContaining(child.jmxAddress());
        } finally {
            closeQuietly(opened);
        }
    }

    @Test
    void registryAdvertisingAnUnreachableHostNamesTheRmiHostnameProperty() throws Exception {
        // the agent listens on 127.0.0.1 only but tells clients to call 127.0.0.2: a container or NAT mistake
        try (ChildJvm child = ChildJvm.startWithJmx(
                JmxChildMain.class, OPEN_AGENT, List.of("-Djava.rmi.server.hostname=127.0.0.2"), List.of())) {
            TargetProblem problem = openFails(JmxAddress.parse(child.jmxAddress(), null, null, false), TIMEOUTS);

            assertThat(problem.kind()).isEqualTo(Kind.CONNECTION_REFUSED);
            assertThat(problem).hasMessageContaining("127.0.0.2").hasMessageContaining("-Djava.rmi.server.hostname");
        }
    }

    private static void closeQuietly(OpenedJmx opened) {
        try {
            // RMIConnector.close() tells the server goodbye, which fails when the server is gone
            opened.connector().close();
        } catch (java.io.IOException expected) {
            // nothing to close on the other side
        }
    }
}
