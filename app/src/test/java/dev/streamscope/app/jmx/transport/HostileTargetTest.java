package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.streamscope.app.base.CallDeadline;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A child JVM that serves crafted object graphs over a real JMX connector. With the guard installed (open() installs
 * it), reading them fails fast with REJECTED_DATA and the connection keeps working.
 */
class HostileTargetTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));

    private static ChildJvm child;
    private OpenedJmx opened;
    private CallDeadline io;

    @BeforeAll
    static void startTarget() throws Exception {
        child = ChildJvm.startWithJmx(
                HostileJmxChildMain.class, Map.of("authenticate", "false", "ssl", "false"), List.of(), List.of());
    }

    @AfterAll
    static void stopTarget() {
        if (child != null) {
            child.close();
        }
    }

    @BeforeEach
    void connect() throws TargetProblem {
        opened = JmxConnector.open(JmxAddress.parse(child.jmxAddress(), null, null, false), TIMEOUTS);
        io = new CallDeadline("hostile-test");
    }

    @AfterEach
    void disconnect() throws Exception {
        io.close();
        opened.connector().close();
    }

    @Test
    void nestedSetsAreRejectedLongBeforeTheCallDeadline() throws Exception {
        long start = System.nanoTime();

        TargetProblem problem = readFails("NestedSets");

        // unfiltered, re-hashing this graph would take 2^100 steps; the deadline only frees the caller
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(TIMEOUTS.call().dividedBy(2));
        assertThat(problem.kind()).isEqualTo(Kind.REJECTED_DATA);
        assertThat(problem).hasMessageContaining(child.jmxAddress()).hasMessageContaining("nests deeper than");
    }

    @Test
    void classOutsideTheAllowlistIsRejected() throws Exception {
        TargetProblem problem = readFails("ForeignObject");

        assertThat(problem.kind()).isEqualTo(Kind.REJECTED_DATA);
        assertThat(problem).hasMessageContaining("ForeignPayload is not among the classes JMX needs");
    }

    @Test
    void connectionStaysUsableAfterARejection() throws Exception {
        readFails("NestedSets");
        readFails("ForeignObject");

        assertThat(read("Name")).isEqualTo("hostile");
    }

    private TargetProblem readFails(String attribute) {
        Throwable thrown = catchThrowable(() -> read(attribute));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        return JmxFailures.classify(thrown.getCause(), opened.target());
    }

    private Object read(String attribute) throws Exception {
        return io.run(
                TIMEOUTS.call(),
                () -> opened.server().getAttribute(new ObjectName(HostileJmxChildMain.OBJECT_NAME), attribute));
    }
}
