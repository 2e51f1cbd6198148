package dev.streamscope.app.jmx.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.demo.DemoSettings;
import dev.streamscope.app.demo.DemoTarget;
import dev.streamscope.app.demo.DemoTargetLauncher;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.jmx.transport.JmxConnector;
import dev.streamscope.app.jmx.transport.OpenedJmx;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimeChoice;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.lifetime.StreamSite;
import dev.streamscope.app.lifetime.StreamSites;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bridge reader against real child JVMs: the demo (bridge installed, leaking), a plain JVM and an older bridge. */
class BridgeReaderTest {

    private static final Map<String, String> PLAIN_JMX = Map.of("authenticate", "false", "ssl", "false");

    /** One demo for the tests that only read it (each with its own connection): a demo takes seconds to start. */
    private static DemoTarget demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoTargetLauncher.start(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void readsTheDemosLeakingStreamsOldestFirstWithOpenTypesOnly() throws Exception {
        try (JvmConnection connection =
                JvmConnections.open(JmxAddress.parse(demo.jmxAddress(), null, null, false), Timeouts.DEFAULT)) {
            LifetimePolicy oneSecond = LifetimePolicy.parse(List.of("1s"));
            // the first read also discovers the bridge (one more round trip); the one counted below comes later
            connection.readStreams(50, oneSecond).orElseThrow();
            AtomicReference<BridgeStreams> read = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        read.set(connection.readStreams(50, oneSecond).orElseThrow());
                        return read.get().overdue().atLeast() > 0;
                    });
            BridgeStreams streams = read.get();

            assertThat(streams.trackers()).isEqualTo(1);
            assertThat(streams.openStreams()).isPositive();
            assertThat(streams.capacity()).isPositive();
            assertThat(streams.startedTotal()).isGreaterThanOrEqualTo(streams.openStreams());
            assertThat(streams.meanLifetimeMillis()).isNotNull();
            assertThat(streams.overdue().exact()).isTrue();
            // getAttributes, oldestTable, countOlderThan, sites; the discovery query came with the first read
            assertThat(streams.roundTrips()).isEqualTo(4);
            assertThat(streams.sitesIfKnown()).isPresent();
            assertThat(streams.bytesReceived()).isPositive();
            assertThat(streams.oldest()).isNotEmpty().hasSizeLessThanOrEqualTo(50);
            assertThat(streams.oldest())
                    .extracting(StreamRecord::ageMillis)
                    .isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(streams.oldest()).allSatisfy(row -> {
                assertThat(row.id()).isNotNull();
                assertThat(row.side()).isIn("CLIENT", "SERVER");
                assertThat(row.method()).startsWith("streamscope.demo.Inventory/");
                assertThat(row.type()).isNotNull();
                assertThat(row.startEpochMillis()).isNotNull();
                assertThat(row.messagesSent()).isNotNull();
                assertThat(row.halfClosedLocal()).isNotNull();
                assertThat(row.lastActivityEpochMillis()).isGreaterThanOrEqualTo(row.startEpochMillis());
            });
            // The rows are read before countOlderThan, so on a loaded machine the stream it counted may have been a few
            // ms short of 1 s in them; the demo's leaked streams stay open, so the next read shows it past 1 s.
            BridgeStreams next = connection.readStreams(50, oneSecond).orElseThrow();
            assertThat(next.oldest().get(0).ageMillis()).isGreaterThanOrEqualTo(1_000);

            // an hour for every method: nothing is overdue
            BridgeStreams patient = connection
                    .readStreams(10, LifetimePolicy.parse(List.of("1h")))
                    .orElseThrow();
            assertThat(patient.overdue()).isEqualTo(OverdueCount.NONE);
        }
    }

    @Test
    void sitesNameTheDemosLeakingLineFirstAndItsBriefWatchersAreNotOverdue() throws Exception {
        // the leak and the watchers cancelled after 2 s are Watch streams from two lines of DemoTraffic, the bridge on
        // both ends; 10 s is well past the watchers' 2 s, even on a loaded machine
        LifetimePolicy tenSeconds = LifetimePolicy.parse(List.of("10s"));
        String traffic = "dev.streamscope.app.demo.DemoTraffic.";
        try (JvmConnection connection =
                JvmConnections.open(JmxAddress.parse(demo.jmxAddress(), null, null, false), Timeouts.DEFAULT)) {
            AtomicReference<StreamSites> read = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        read.set(connection
                                .readStreams(10, tenSeconds)
                                .orElseThrow()
                                .sitesIfKnown()
                                .orElseThrow());
                        return !read.get().groups().isEmpty()
                                && read.get().groups().get(0).overdueStreams() >= 3
                                && read.get().groups().stream()
                                        .anyMatch(group -> group.label().startsWith(traffic + "watchBriefly("));
                    });
            StreamSites sites = read.get();

            StreamSite leak = sites.groups().get(0);
            assertThat(leak.kind()).isEqualTo(StreamSite.CLIENT_CALL);
            assertThat(leak.side()).isEqualTo("CLIENT");
            assertThat(leak.site()).startsWith(traffic + "watchAndAbandon(DemoTraffic.java:");
            assertThat(leak.method()).isEqualTo("streamscope.demo.Inventory/Watch");
            assertThat(leak.sampled()).isFalse();
            // the demo records every site, so the bridge's estimates are its counts
            assertThat(leak.openEstimate()).isEqualTo(leak.openStreams());
            assertThat(leak.overdueEstimate()).isEqualTo(leak.overdueStreams());
            assertThat(leak.oldestAgeMillis()).isGreaterThanOrEqualTo(10_000);
            assertThat(leak.frames()).first().isEqualTo(leak.site());
            assertThat(sites.firstClientSite()).contains(leak);
            assertThat(sites.groups())
                    .filteredOn(group -> StreamSite.CLIENT_CALL.equals(group.kind()) && group != leak)
                    .isNotEmpty()
                    .allSatisfy(healthy -> assertThat(healthy.overdueStreams()).isZero());
            assertThat(sites.groups())
                    .filteredOn(group -> StreamSite.SERVER_METHOD.equals(group.kind()))
                    .extracting(StreamSite::site)
                    .containsOnly("remote client 127.0.0.1");
        }
    }

    @Test
    void aJvmWithoutTheBridgeReadsAsEmpty() throws Exception {
        try (ChildJvm child = ChildJvm.startWithJmx(JmxChildMain.class, PLAIN_JMX, List.of(), List.of());
                JvmConnection connection = JvmConnections.open(
                        JmxAddress.parse(child.jmxAddress(), null, null, false), Timeouts.DEFAULT)) {
            assertThat(connection.readStreams(500, LifetimePolicy.DEFAULT)).isEmpty();
            // and again, without asking the target (no bridge registered meanwhile)
            assertThat(connection.readStreams(500, LifetimePolicy.DEFAULT)).isEmpty();
        }
    }

    @Test
    void anOlderBridgeReadsWithNullsForWhatItLacks() throws Exception {
        try (ChildJvm child = ChildJvm.startWithJmx(OlderBridgeChildMain.class, PLAIN_JMX, List.of(), List.of());
                JvmConnection connection = JvmConnections.open(
                        JmxAddress.parse(child.jmxAddress(), null, null, false), Timeouts.DEFAULT)) {
            Optional<BridgeStreams> read = connection.readStreams(500, LifetimePolicy.DEFAULT);

            assertThat(read).isPresent();
            BridgeStreams streams = read.get();
            assertThat(streams.openStreams()).isEqualTo(2);
            assertThat(streams.startedTotal()).isEqualTo(7);
            assertThat(streams.endedTotal()).isNull();
            assertThat(streams.capacity()).isNull();
            assertThat(streams.meanLifetimeMillis()).isNull();
            assertThat(streams.oldestAgeMillis()).isNull();
            assertThat(streams.oldest()).hasSize(2);
            StreamRecord oldest = streams.oldest().get(0);
            assertThat(oldest.id()).isEqualTo(1);
            assertThat(oldest.method()).isEqualTo("old.Service/Watch");
            assertThat(oldest.ageMillis()).isGreaterThanOrEqualTo(120_000);
            assertThat(oldest.side()).isNull();
            assertThat(oldest.peer()).isNull();
            assertThat(oldest.halfClosedRemote()).isNull();
            // no countOlderThan: the rows, which hold every open stream, tell the count
            assertThat(streams.overdue()).isEqualTo(OverdueCount.exactly(2));
            assertThat(streams.serviceLifetime()).isNull();
            assertThat(streams.sitesIfKnown()).isEmpty();
            assertThat(LifetimeChoice.choose(null, streams).source()).isEqualTo(LifetimeChoice.Source.DEFAULT);
        }
    }

    @Test
    void aServicesOwnLifetimesAreReadAndItsOverdueCountUsedWhenTheyAreTheOnesAskedFor() throws Exception {
        try (ChildJvm child = ChildJvm.startWithJmx(
                        ServiceLifetimesChildMain.class,
                        PLAIN_JMX,
                        List.of("-Dstreamscope.lifetime=90s,/pkg.Svc/Watch=1h"),
                        List.of());
                JvmConnection connection = JvmConnections.open(
                        JmxAddress.parse(child.jmxAddress(), null, null, false), Timeouts.DEFAULT)) {
            BridgeStreams first =
                    connection.readStreams(500, LifetimePolicy.DEFAULT).orElseThrow();

            LifetimePolicy service = LifetimePolicy.parse(List.of("90s", "/pkg.Svc/Watch=1h"));
            assertThat(first.serviceLifetime()).isEqualTo(service);
            LifetimeChoice choice = LifetimeChoice.choose(null, first);
            assertThat(choice.policy()).isEqualTo(service);
            assertThat(choice.label()).isEqualTo("lifetimes from the service: 90s, /pkg.Svc/Watch=1h");
            LifetimePolicy mine = LifetimePolicy.parse(List.of("5m"));
            assertThat(LifetimeChoice.choose(mine, first).label()).isEqualTo("your lifetimes: 5m");

            BridgeStreams byService =
                    connection.readStreams(500, choice.policy()).orElseThrow();
            // getAttributes, oldestTable and sites, no countOlderThan: the service's OverdueStreams is the exact count
            assertThat(byService.roundTrips()).isEqualTo(3);
            assertThat(byService.overdue()).isEqualTo(OverdueCount.NONE);
        }
    }

    @Test
    void theDemosBridgeReadsTheSameRowsByColumnAsRowByRowInFewerBytes() throws Exception {
        // no healthy traffic and a leak that stops at 100 Watch streams: 200 tracked streams that hold still
        DemoSettings settings = new DemoSettings(0, 100, 100, 0);
        try (DemoTarget demo = DemoTargetLauncher.start(Duration.ofSeconds(60), settings)) {
            OpenedJmx opened =
                    JmxConnector.open(JmxAddress.parse(demo.jmxAddress(), null, null, false), Timeouts.DEFAULT);
            try {
                BridgeReader reader = new BridgeReader(opened.server(), new DirectCalls(), opened.meter());
                LifetimePolicy policy = LifetimePolicy.parse(List.of("1h"));
                int limit = 150;
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> reader.read(limit, policy).orElseThrow().openStreams() == 200);

                AtomicReference<List<StreamRecord>> byColumn = new AtomicReference<>();
                AtomicReference<List<StreamRecord>> byRow = new AtomicReference<>();
                AtomicLong tableReadBytes = new AtomicLong();
                AtomicLong rowsOnlyBytes = new AtomicLong();
                // the first messages of the last streams may still be in flight: wait until two reads agree
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            BridgeStreams read = reader.read(limit, policy).orElseThrow();
                            byColumn.set(read.oldest());
                            tableReadBytes.set(read.bytesReceived());
                            long before = opened.meter().bytesReceived();
                            byRow.set(BridgeMapper.rows(opened.server()
                                    .invoke(BridgeReader.DEFAULT_NAME, "oldest", new Object[] {limit}, new String[] {
                                        "int"
                                    })));
                            rowsOnlyBytes.set(opened.meter().bytesReceived() - before);
                            return withoutAge(byColumn.get()).equals(withoutAge(byRow.get()));
                        });

                assertThat(byColumn.get()).hasSize(limit);
                assertThat(byColumn.get()).allSatisfy(row -> {
                    assertThat(row.side()).isIn("CLIENT", "SERVER");
                    assertThat(row.type()).isEqualTo("BIDI_STREAMING");
                    assertThat(row.peer()).isNotNull();
                    assertThat(row.ageMillis()).isNotNull();
                });
                for (int i = 0; i < limit; i++) {
                    // the rows are read a moment after the table, so their ages are at least as large
                    assertThat(byColumn.get().get(i).ageMillis())
                            .isLessThanOrEqualTo(byRow.get().get(i).ageMillis());
                }
                // the whole table poll (attributes, table, count) receives less than the row list alone: the reader
                // took the table path
                assertThat(tableReadBytes.get()).isLessThan(rowsOnlyBytes.get());
            } finally {
                opened.connector().close();
            }
        }
    }

    @Test
    void anOlderBridgeIsAskedForTheTableOnceThenRowByRow() throws Exception {
        try (ChildJvm child = ChildJvm.startWithJmx(OlderBridgeChildMain.class, PLAIN_JMX, List.of(), List.of());
                JvmConnection connection = JvmConnections.open(
                        JmxAddress.parse(child.jmxAddress(), null, null, false), Timeouts.DEFAULT)) {
            BridgeStreams first =
                    connection.readStreams(500, LifetimePolicy.DEFAULT).orElseThrow();
            BridgeStreams second =
                    connection.readStreams(500, LifetimePolicy.DEFAULT).orElseThrow();

            assertThat(first.oldest()).hasSize(2);
            assertThat(withoutAge(second.oldest())).isEqualTo(withoutAge(first.oldest()));
            // first: the discovery query, getAttributes, oldestTable (no such operation), oldest, countOlderThan (none
            // either), sites (no such operation); then the reader asks for rows straight away and for no sites
            assertThat(first.roundTrips()).isEqualTo(6);
            assertThat(second.roundTrips()).isEqualTo(3);
            assertThat(second.sitesIfKnown()).isEmpty();
        }
    }

    private static List<StreamRecord> withoutAge(List<StreamRecord> rows) {
        return rows.stream()
                .map(row -> new StreamRecord(
                        row.id(),
                        row.side(),
                        row.method(),
                        row.type(),
                        row.authority(),
                        row.peer(),
                        row.startEpochMillis(),
                        null,
                        row.messagesSent(),
                        row.messagesReceived(),
                        row.halfClosedLocal(),
                        row.halfClosedRemote(),
                        row.lastActivityEpochMillis()))
                .toList();
    }

    /** Calls straight through on the test thread; the JMX connector's own RMI timeouts bound them. */
    private static final class DirectCalls implements BridgeReader.RemoteCalls {
        @Override
        public <T> T call(String what, Callable<T> call) throws TargetProblem {
            try {
                return call.call();
            } catch (Exception failed) {
                throw new IllegalStateException(what, failed);
            }
        }
    }
}
