package dev.streamscope.app.jmx.histogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.histogram.HistogramChange;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.LeakCountMXBean;
import dev.streamscope.app.jmx.LeakyGrpcChildMain;
import dev.streamscope.app.jmx.RemoteJvmConnection;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.jmx.transport.JmxConnector;
import dev.streamscope.app.jmx.transport.OpenedJmx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Class histograms of a real child JVM whose grpc-java server, without the bridge, leaks 20 streams a second. */
class HeapHistogramTargetTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    private static final Duration HISTOGRAM_DEADLINE = Duration.ofSeconds(30);
    private static final String SERVER_CALL = "io.grpc.internal.ServerCallImpl";

    private static ChildJvm child;
    private static JvmConnection connection;
    private static LeakCountMXBean leak;

    @BeforeAll
    static void startTarget() throws Exception {
        child = ChildJvm.startWithJmx(
                LeakyGrpcChildMain.class, Map.of("authenticate", "false", "ssl", "false"), List.of(), List.of());
        OpenedJmx opened = JmxConnector.open(JmxAddress.parse(child.jmxAddress(), null, null, false), TIMEOUTS);
        connection = RemoteJvmConnection.open(opened, TIMEOUTS);
        leak = JMX.newMXBeanProxy(
                opened.server(), new ObjectName(LeakyGrpcChildMain.LEAK_COUNT), LeakCountMXBean.class);
    }

    @AfterAll
    static void stopTarget() {
        if (connection != null) {
            connection.close();
        }
        if (child != null) {
            child.close();
        }
    }

    @Test
    void twoHistogramsShowServerCallsGrowingByTheLeakedCount() throws Exception {
        long servedBeforeFirst = leak.getServed();
        HeapHistogram first = connection.classHistogram(HistogramMode.ALL, HISTOGRAM_DEADLINE);
        long servedAfterFirst = leak.getServed();
        long leakedAfterFirst = leak.getLeaked();
        await().atMost(Duration.ofSeconds(30)).until(() -> leak.getServed() >= servedAfterFirst + 60);
        long servedBeforeSecond = leak.getServed();
        long leakedBeforeSecond = leak.getLeaked();
        HeapHistogram second = connection.classHistogram(HistogramMode.ALL, HISTOGRAM_DEADLINE);
        long servedAfterSecond = leak.getServed();

        HistogramChange serverCalls = HistogramChange.between(first, second, 1_000).stream()
                .filter(change -> change.className().equals(SERVER_CALL))
                .findFirst()
                .orElseThrow();
        // each leaked stream the server saw left one ServerCallImpl; none ends, so none can be collected
        assertThat(serverCalls.instancesGained())
                .isBetween(servedBeforeSecond - servedAfterFirst, servedAfterSecond - servedBeforeFirst);
        // and about as many as the client leaked meanwhile (some may still be on their way to the server)
        assertThat(serverCalls.instancesGained())
                .isCloseTo(leakedBeforeSecond - leakedAfterFirst, withinPercentage(25));
        assertThat(second.grpcCalls()).isGreaterThan(first.grpcCalls());
        assertThat(second.streamRows()).extracting(HistogramRow::className).contains(SERVER_CALL);
        assertThat(second.totalBytes()).isGreaterThan(0);
        assertThat(second.mode()).isEqualTo(HistogramMode.ALL);
    }

    @Test
    void liveHistogramCountsTheLeakedCallsThatAreStillReachable() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> leak.getServed() >= 20);
        long servedBefore = leak.getServed();

        HeapHistogram live = connection.classHistogram(HistogramMode.LIVE, HISTOGRAM_DEADLINE);

        long serverCalls = live.streamRows().stream()
                .filter(row -> row.className().equals(SERVER_CALL))
                .mapToLong(HistogramRow::instances)
                .sum();
        assertThat(serverCalls).isGreaterThanOrEqualTo(servedBefore);
        assertThat(live.mode()).isEqualTo(HistogramMode.LIVE);
    }
}
