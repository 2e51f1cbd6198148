package dev.streamscope.app.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.gc.GcChurnTarget;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.BufferPoolSample;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryPoolSample;
import dev.streamscope.app.jmx.transport.OpenedJmx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Against a real JMX agent in a child JVM that churns garbage and calls System.gc() twice a second. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteJvmConnectionTest {

    private GcChurnChild child;

    @BeforeAll
    void startChild() throws Exception {
        child = GcChurnChild.start();
    }

    @AfterAll
    void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void identityNamesTheChild() throws Exception {
        try (JvmConnection connection = RemoteJvmConnection.open(child.connect(), Timeouts.DEFAULT)) {
            JvmIdentity identity = connection.identity();

            assertThat(identity.name()).startsWith(child.pid() + "@");
            assertThat(identity.vmVersion()).isNotEmpty();
            assertThat(identity.startEpochMillis())
                    .isBetween(System.currentTimeMillis() - 600_000, System.currentTimeMillis());
        }
    }

    @Test
    void sampleReadsPlausibleFigures() throws Exception {
        try (JvmConnection connection = RemoteJvmConnection.open(child.connect(), Timeouts.DEFAULT, Duration.ZERO)) {
            JvmSample sample = connection.sample();

            assertThat(sample.heap().used()).isPositive();
            assertThat(sample.heap().max()).isEqualTo(64L * 1024 * 1024);
            assertThat(sample.nonHeap().used()).isPositive();
            assertThat(sample.uptimeMillis()).isPositive();
            assertThat(sample.pools())
                    .extracting(MemoryPoolSample::name)
                    .contains("G1 Eden Space", "G1 Old Gen", "Metaspace");
            assertThat(sample.pools())
                    .filteredOn(pool -> pool.name().equals("G1 Old Gen"))
                    .singleElement()
                    .satisfies(oldGen -> {
                        assertThat(oldGen.heap()).isTrue();
                        assertThat(oldGen.afterLastGc()).isNotNull();
                    });
            assertThat(sample.pools())
                    .filteredOn(pool -> pool.name().equals("Metaspace"))
                    .singleElement()
                    .satisfies(metaspace -> {
                        assertThat(metaspace.heap()).isFalse();
                        assertThat(metaspace.afterLastGc()).isNull();
                    });
            assertThat(sample.threads().live()).isPositive();
            assertThat(sample.threads().daemon())
                    .isPositive()
                    .isLessThanOrEqualTo(sample.threads().live());
            assertThat(sample.threads().peak())
                    .isGreaterThanOrEqualTo(sample.threads().live());
            assertThat(sample.bufferPools()).extracting(BufferPoolSample::name).contains("direct", "mapped");
            assertThat(sample.bufferPools())
                    .filteredOn(pool -> pool.name().equals("direct"))
                    .singleElement()
                    .satisfies(direct -> assertThat(direct.totalCapacityBytes()).isGreaterThanOrEqualTo(1 << 20));
            assertThat(sample.collectors())
                    .extracting(CollectorTotals::name)
                    .containsExactly("G1 Old Generation", "G1 Young Generation");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> connection.sample().collectors().stream()
                            .allMatch(collector -> collector.collectionCount() > 0));
            assertThat(List.of(sample.processCpuLoad(), sample.systemCpuLoad()))
                    .allSatisfy(load -> assertThat(Double.isNaN(load) || (load >= 0 && load <= 1))
                            .isTrue());
        }
    }

    @Test
    void fullTickCostsOneRoundTripPerMBean() throws Exception {
        OpenedJmx opened = child.connect();
        int discovered = discovered(opened.server(), "java.lang:type=MemoryPool,*")
                + discovered(opened.server(), "java.lang:type=GarbageCollector,*")
                + discovered(opened.server(), "java.nio:type=BufferPool,*");
        try (JvmConnection connection = RemoteJvmConnection.open(opened, Timeouts.DEFAULT, Duration.ZERO)) {
            JvmSample first = connection.sample();
            JvmSample second = connection.sample();

            // Memory, Threading and OperatingSystem, plus each pool, collector and buffer pool
            assertThat(second.cost().roundTrips()).isEqualTo(3 + discovered);
            // the pools' types were asked once, at the first tick: the second still knows which are heap pools
            assertThat(second.pools())
                    .extracting(MemoryPoolSample::name, MemoryPoolSample::heap)
                    .isEqualTo(first.pools().stream()
                            .map(pool -> tuple(pool.name(), pool.heap()))
                            .toList());
            assertThat(second.pools())
                    .filteredOn(pool -> pool.name().equals("G1 Old Gen"))
                    .singleElement()
                    .satisfies(oldGen -> assertThat(oldGen.afterLastGc()).isNotNull());
            assertThat(second.cost().bytesSent()).isZero(); // WireMeter.NONE: the connector helper meters bytes
        }
    }

    @Test
    void ticksBetweenFullOnesReadHeapThreadsAndCpuAndCarryTheRest() throws Exception {
        try (JvmConnection connection =
                RemoteJvmConnection.open(child.connect(), Timeouts.DEFAULT, Duration.ofDays(1))) {
            JvmSample full = connection.sample();
            JvmSample between = connection.sample();

            // Memory's heap, Threading and the OperatingSystem's CPU time: every pool is carried
            assertThat(between.cost().roundTrips()).isEqualTo(3);
            assertThat(between.heap().max()).isEqualTo(full.heap().max());
            assertThat(between.nonHeap()).isEqualTo(full.nonHeap());
            assertThat(between.pools()).isEqualTo(full.pools());
            assertThat(between.pools())
                    .filteredOn(pool -> pool.name().equals("G1 Old Gen"))
                    .singleElement()
                    .satisfies(oldGen -> assertThat(oldGen.afterLastGc()).isNotNull());
            assertThat(between.bufferPools()).isEqualTo(full.bufferPools());
            assertThat(between.collectors()).isEqualTo(full.collectors());
            assertThat(between.threads().peak())
                    .isGreaterThanOrEqualTo(between.threads().live());
            assertThat(between.uptimeMillis()).isGreaterThanOrEqualTo(full.uptimeMillis());
            assertThat(full.processCpuLoad())
                    .as("no earlier CPU time to compare with")
                    .isNaN();
            assertThat(between.processCpuLoad()).isBetween(0.0, 1.0);
            assertThat(between.systemCpuLoad()).isEqualTo(full.systemCpuLoad());
            // the child churns garbage: its heap fills between ticks, and the ticks between full ones see it
            long usedAtFullTick = full.heap().used();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> connection.sample().heap().used() != usedAtFullTick);
        }
    }

    private static int discovered(MBeanServerConnection server, String pattern) throws Exception {
        return server.queryNames(new ObjectName(pattern), null).size();
    }

    @Test
    void gcNotificationsCarryCollectorCauseAndDuration() throws Exception {
        List<GcEvent> events = new CopyOnWriteArrayList<>();
        try (JvmConnection connection = RemoteJvmConnection.open(child.connect(), Timeouts.DEFAULT)) {
            connection.subscribeGc(events::add);
            long subscribedAt = System.currentTimeMillis();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events.stream().anyMatch(event -> event.cause().equals("System.gc()")));
            GcEvent explicit = events.stream()
                    .filter(event -> event.cause().equals("System.gc()"))
                    .findFirst()
                    .orElseThrow();
            assertThat(explicit.collector()).isEqualTo("G1 Old Generation");
            assertThat(explicit.action()).isEqualTo("end of major GC");
            assertThat(explicit.durationMillis()).isNotNegative();
            assertThat(explicit.concurrent()).isFalse();
            assertThat(explicit.recovered()).isFalse();
            // the child's wall clock is this machine's: the event ended after we subscribed, and not in the future
            assertThat(explicit.endEpochMillis()).isBetween(subscribedAt - 1_000, System.currentTimeMillis() + 1_000);
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            events.stream().anyMatch(event -> event.collector().equals("G1 Young Generation")));
        }
    }

    @Test
    void closedConnectionFailsAsLostAndClosesAgainQuietly() throws Exception {
        OpenedJmx opened = child.connect();
        JvmConnection connection = RemoteJvmConnection.open(opened, Timeouts.DEFAULT);
        List<TargetProblem> lost = new CopyOnWriteArrayList<>();
        connection.onLost(lost::add);

        connection.close();
        connection.close();

        assertThatThrownBy(connection::sample)
                .isInstanceOfSatisfying(
                        TargetProblem.class,
                        problem -> assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.CONNECTION_LOST));
        assertThatThrownBy(() -> opened.server().getMBeanCount()).isInstanceOf(java.io.IOException.class);
        assertThat(lost).as("our own close is not a loss").isEmpty();
    }

    @Test
    void poolsThatAppearOrVanishAreRediscovered() throws Exception {
        try (JvmConnection connection = RemoteJvmConnection.open(child.connect(), Timeouts.DEFAULT, Duration.ZERO)) {
            int steadyRoundTrips = connection.sample().cost().roundTrips();

            child.command("add-pool late-library", GcChurnTarget.POOL_DONE);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> connection.sample().bufferPools().stream()
                            .anyMatch(pool -> pool.name().equals("late-library") && pool.memoryUsedBytes() == 42));
            assertThat(connection.sample().cost().roundTrips()).isEqualTo(steadyRoundTrips + 1);

            child.command("remove-pool late-library", GcChurnTarget.POOL_DONE);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> connection.sample().bufferPools().stream()
                            .noneMatch(pool -> pool.name().equals("late-library")));
            assertThat(connection.sample().cost().roundTrips()).isEqualTo(steadyRoundTrips);
        }
    }
}
