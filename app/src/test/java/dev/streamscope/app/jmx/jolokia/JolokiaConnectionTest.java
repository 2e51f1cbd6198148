package dev.streamscope.app.jmx.jolokia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.demo.JolokiaDemoChildMain;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JolokiaAgent;
import dev.streamscope.app.jmx.JolokiaJvmConnection;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.gc.GcInfoMapper;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryPoolSample;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.jmx.threads.ThreadRecord;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jolokia.client.J4pClient;
import org.jolokia.client.request.J4pExecRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@link JvmConnection} over HTTP to a child JVM started with the real Jolokia agent ({@code -javaagent}) and running
 * the demo service with the jmx-bridge: the same records as over JMX, a tick in one round trip.
 */
class JolokiaConnectionTest {

    private static ChildJvm child;
    private static String url;

    @BeforeAll
    static void startChild() throws Exception {
        int port = ChildJvm.freePort();
        child = ChildJvm.start(JolokiaDemoChildMain.class, List.of(JolokiaAgent.javaagent(port)), List.of());
        JolokiaAgent.awaitListening(port);
        url = JolokiaAgent.url(port);
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    private static JvmConnection open() throws Exception {
        return JvmConnections.open(JolokiaTarget.parse(url, null, null, null), Timeouts.DEFAULT);
    }

    @Test
    void aTickReadsHeapPoolsThreadsCpuAndCollectorsInOneRoundTrip() throws Exception {
        try (JvmConnection connection = open()) {
            assertThat(connection.identity().name()).startsWith(child.pid() + "@");
            connection.sample();
            JvmSample sample = connection.sample();

            assertThat(sample.cost().roundTrips()).isEqualTo(1);
            assertThat(sample.cost().bytesSent()).isPositive();
            assertThat(sample.cost().bytesReceived()).isPositive();
            assertThat(sample.heap().used()).isPositive();
            assertThat(sample.heap().max()).isPositive();
            assertThat(sample.pools()).anyMatch(MemoryPoolSample::heap).anyMatch(pool -> !pool.heap());
            assertThat(sample.threads().live()).isGreaterThan(5);
            assertThat(sample.collectors()).isNotEmpty();
            assertThat(sample.bufferPools()).isNotEmpty();
            assertThat(sample.processCpuLoad()).isBetween(0.0, 1.0);
            assertThat(sample.uptimeMillis()).isPositive();
            assertThat(connection.limits())
                    .hasValueSatisfying(text -> assertThat(text).contains("LastGcInfo"));
        }
    }

    @Test
    void aCollectionBetweenTwoTicksArrivesAsAPauseFromLastGcInfo() throws Exception {
        try (JvmConnection connection = open()) {
            List<GcEvent> events = new CopyOnWriteArrayList<>();
            connection.subscribeGc(events::add);
            connection.sample(); // learns where the collectors are
            events.clear();
            // System.gc() in the target, through the Memory MBean's gc operation over the same agent
            J4pClient client = new J4pClient(url);
            client.execute(new J4pExecRequest("java.lang:type=Memory", "gc()"));

            connection.sample();

            assertThat(events).anySatisfy(event -> {
                assertThat(event.action()).isEqualTo(GcInfoMapper.LAST_GC_INFO_ACTION);
                assertThat(event.gcId()).isPositive();
                assertThat(event.durationMillis()).isNotNegative();
                assertThat(event.oldGenAfterGcBytes()).isPositive();
                assertThat(event.endEpochMillis())
                        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
            });
        }
    }

    /**
     * Between full reads a tick asks only the heap, threads, CPU time and the collectors' counts, and carries the rest
     * over; a collection in between costs that tick one more round trip, for the LastGcInfo of the collector that ran.
     * (The demo service allocates, so a collection of its own may come between any two ticks: the checks allow it.)
     */
    @Test
    void betweenFullReadsATickReadsLittleAndOnlyAMovedCollectorsLastGcInfo() throws Exception {
        try (JvmConnection connection = JolokiaJvmConnection.open(
                JolokiaTarget.parse(url, null, null, null), Timeouts.DEFAULT, Duration.ofHours(1))) {
            List<GcEvent> events = new CopyOnWriteArrayList<>();
            connection.subscribeGc(events::add);
            JvmSample full = connection.sample();
            JvmSample light = connection.sample();

            assertThat(light.cost().roundTrips()).isEqualTo(1 + (events.isEmpty() ? 0 : 1));
            // the full tick's reply carries every pool, buffer pool and collector total; the light one a few numbers
            assertThat(light.cost().bytesReceived()
                            - (events.isEmpty() ? 0 : full.cost().bytesReceived()))
                    .isLessThan(full.cost().bytesReceived() / 2);
            assertThat(light.heap().used()).isPositive();
            assertThat(light.threads().live()).isGreaterThan(5);
            assertThat(light.processCpuLoad()).isBetween(0.0, 1.0);
            assertThat(light.pools()).isEqualTo(full.pools());
            assertThat(light.collectors())
                    .extracting(CollectorTotals::name)
                    .isEqualTo(full.collectors().stream()
                            .map(CollectorTotals::name)
                            .toList());
            assertThat(light.bufferPools()).isEqualTo(full.bufferPools());
            assertThat(light.nonHeap()).isEqualTo(full.nonHeap());

            events.clear();
            new J4pClient(url).execute(new J4pExecRequest("java.lang:type=Memory", "gc()"));
            JvmSample afterGc = connection.sample();
            int reported = events.size();
            JvmSample next = connection.sample();

            assertThat(afterGc.cost().roundTrips()).isEqualTo(2);
            // the collectors' totals are read every tick, so the collection counts at once, not at the next full read
            assertThat(collections(afterGc)).isGreaterThan(collections(light));
            assertThat(reported).isPositive();
            assertThat(events).allSatisfy(event -> {
                assertThat(event.action()).isEqualTo(GcInfoMapper.LAST_GC_INFO_ACTION);
                assertThat(event.gcId()).isPositive();
            });
            // each collection once: a collector that did not run since is neither read again nor reported twice
            assertThat(next.cost().roundTrips()).isEqualTo(events.size() > reported ? 2 : 1);
            assertThat(events.stream().map(event -> event.collector() + "#" + event.gcId()))
                    .doesNotHaveDuplicates();
        }
    }

    private static long collections(JvmSample sample) {
        return sample.collectors().stream()
                .mapToLong(CollectorTotals::collectionCount)
                .sum();
    }

    @Test
    void theBridgesLeakingStreamsAreReadOverHttp() throws Exception {
        try (JvmConnection connection = open()) {
            LifetimePolicy oneSecond = LifetimePolicy.parse(List.of("1s"));
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> {
                        Optional<BridgeStreams> read = connection.readStreams(10, oneSecond);
                        assertThat(read).isPresent();
                        BridgeStreams streams = read.get();
                        assertThat(streams.openStreams()).isPositive();
                        assertThat(streams.oldest()).isNotEmpty();
                        assertThat(streams.oldest().get(0).method()).contains("/");
                        assertThat(streams.oldest().get(0).ageMillis()).isNotNull();
                        assertThat(streams.overdue().atLeast()).isPositive();
                        assertThat(streams.bytesReceived()).isPositive();
                    });
        }
    }

    @Test
    void takesAClassHistogramAndAThreadDump() throws Exception {
        try (JvmConnection connection = open()) {
            HeapHistogram histogram = connection.classHistogram(HistogramMode.ALL, Duration.ofSeconds(30));
            ThreadDump dump = connection.threadDump(Duration.ofSeconds(30));

            assertThat(histogram.rows()).isNotEmpty();
            assertThat(histogram.totalBytes()).isPositive();
            assertThat(histogram.rows())
                    .anySatisfy(row -> assertThat(row.className()).isEqualTo("java.lang.String"));
            assertThat(dump.threads()).extracting(ThreadRecord::name).contains("main");
            assertThat(dump.threads())
                    .allSatisfy(thread -> assertThat(thread.id()).isPositive());
            assertThat(dump.threads())
                    .filteredOn(thread -> thread.name().equals("main"))
                    .first()
                    .satisfies(main -> assertThat(main.stack()).isNotEmpty());
            assertThat(dump.locksIncluded()).isTrue();
            assertThat(dump.bytes()).isPositive();
        }
    }
}
