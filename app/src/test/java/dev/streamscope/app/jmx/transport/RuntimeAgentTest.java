package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.tools.attach.VirtualMachine;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.settings.SettingsStore;
import dev.streamscope.app.ui.SameThreadTasks;
import dev.streamscope.app.ui.main.ConnectViewModel;
import dev.streamscope.app.ui.main.MainViewModel;
import dev.streamscope.app.ui.target.TargetViewModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started with no JMX option at all, given its management agent while it runs, as the manual tells a user to
 * (docs/connecting.md, "In Kubernetes"): by the Attach API (Connect → a JVM on this machine) and by the real
 * {@code jcmd <pid> ManagementAgent.start …}, then reached through a port forward.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeAgentTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(15), Duration.ofSeconds(10));
    private static final String LOCAL_CONNECTOR = "com.sun.management.jmxremote.localConnectorAddress";

    private static ChildJvm child;

    @BeforeAll
    static void startAJvmWithoutJmx() throws IOException {
        child = ChildJvm.start(JmxChildMain.class, List.of(), List.of());
    }

    @AfterAll
    static void stop() {
        if (child != null) {
            child.close();
        }
    }

    // first, while the child has no agent of any kind
    @Test
    @Order(1)
    void connectToAJvmOnThisMachineStartsTheLocalAgentOfAJvmThatHadNone(@TempDir Path home) throws Exception {
        String pid = Long.toString(child.pid());
        assertThat(agentProperties(pid).getProperty(LOCAL_CONNECTOR)).isNull();
        // the Connect dialog's form as the window drives it, minus the window; the tasks run on the calling thread
        MainViewModel main = new MainViewModel(
                SameThreadTasks.INSTANCE,
                JvmConnections::open,
                new SettingsStore(home),
                Duration.ofMillis(200),
                TIMEOUTS);
        ConnectViewModel form = new ConnectViewModel(main, SameThreadTasks.INSTANCE);
        try {
            form.connectLocal(new LocalJvm(pid, JmxChildMain.class.getName()));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> form.connectedProperty().get() != null
                            || form.messageKindProperty().get() == ConnectViewModel.MessageKind.ERROR);
            assertThat(form.connectedProperty().get())
                    .as(form.messageProperty().get())
                    .isNotNull();
            String address = agentProperties(pid).getProperty(LOCAL_CONNECTOR);
            assertThat(address)
                    .startsWith("service:jmx:")
                    .isEqualTo(form.addressProperty().get());
            TargetViewModel target = form.connectedProperty().get();
            assertThat(target.spec().jmx().address()).isEqualTo(address);
        } finally {
            main.shutdown();
        }
    }

    @Test
    @Order(2)
    void jcmdStartsTheRemoteAgentAtRuntimeAndItIsReachedThroughAPortForward() throws Exception {
        int port = ChildJvm.freePort();
        // as in the manual, except that the agent binds 127.0.0.2 so that only the forwarder below reaches it
        String output = jcmd(
                Long.toString(child.pid()),
                "ManagementAgent.start",
                "jmxremote.port=" + port,
                "jmxremote.rmi.port=" + port,
                "jmxremote.authenticate=false",
                "jmxremote.ssl=false",
                "jmxremote.host=127.0.0.2");
        assertThat(output).contains("Command executed successfully");

        // kubectl port-forward pod/… <local>:<port>, with a local port that differs from the JVM's
        try (TcpForwarder tunnel = TcpForwarder.to("127.0.0.2", port)) {
            String given = "127.0.0.1:" + tunnel.localPort();
            try (JvmConnection connection = JvmConnections.open(JmxAddress.parse(given, null, null, false), TIMEOUTS)) {
                assertThat(connection.identity().name()).startsWith(child.pid() + "@");
                assertThat(connection.sample().heap().used()).isPositive();
                // java.rmi.server.hostname was never set: the stub names this machine's own address and port
                assertThat(connection.routeNote())
                        .hasValueSatisfying(
                                note -> assertThat(note).contains(":" + port).contains(given));
            }
            assertThat(tunnel.connections()).isGreaterThanOrEqualTo(2);
        }
    }

    private static Properties agentProperties(String pid) throws Exception {
        VirtualMachine machine = VirtualMachine.attach(pid);
        try {
            return machine.getAgentProperties();
        } finally {
            machine.detach();
        }
    }

    private static String jcmd(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jcmd did not finish within 30 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
