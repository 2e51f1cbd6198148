package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.GcChurnChild;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.RemoteJvmConnection;
import dev.streamscope.app.jmx.gc.GcChurnTarget;
import java.time.Duration;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;

class LocalJvmsTest {

    @Test
    void listsAChildJvmWhoseAddressCanBeConnectedTo() throws Exception {
        try (GcChurnChild child = GcChurnChild.start("quiet")) {
            String pid = Long.toString(child.pid());

            assertThat(LocalJvms.list())
                    .filteredOn(jvm -> jvm.pid().equals(pid))
                    .singleElement()
                    .satisfies(jvm -> assertThat(jvm.displayName()).contains(GcChurnTarget.class.getName()));

            String address = LocalJvms.jmxAddress(pid, Duration.ofSeconds(20));
            assertThat(address).startsWith("service:jmx:");
            try (JvmConnection connection =
                    RemoteJvmConnection.open(GcChurnChild.connect(new JMXServiceURL(address)), Timeouts.DEFAULT)) {
                assertThat(connection.identity().name()).startsWith(pid + "@");
            }
        }
    }

    @Test
    void attachingToItselfSaysHowToAllowIt() {
        String ownPid = Long.toString(ProcessHandle.current().pid());

        assertThatThrownBy(() -> LocalJvms.jmxAddress(ownPid)).isInstanceOfSatisfying(TargetProblem.class, problem -> {
            assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.NOT_ATTACHABLE);
            assertThat(problem.getMessage()).contains("-Djdk.attach.allowAttachSelf=true");
        });
    }

    @Test
    void attachingToAMissingProcessIsNotAttachable() {
        assertThatThrownBy(() -> LocalJvms.jmxAddress("2147483646", Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(TargetProblem.class, problem -> {
                    assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.NOT_ATTACHABLE);
                    assertThat(problem.getMessage()).contains("2147483646", "another user");
                });
    }
}
