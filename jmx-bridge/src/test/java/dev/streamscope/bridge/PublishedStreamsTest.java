package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.junit.jupiter.api.Test;

/** What a JMX client sees: the ObjectName, attributes and rows in open types only, peers, capacity under load. */
class PublishedStreamsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final MBeanServer PLATFORM = ManagementFactory.getPlatformMBeanServer();

    @Test
    void defaultBridgeIsPublishedAtTheContractName() throws Exception {
        StreamScopeBridge bridge = StreamScopeBridge.defaultBridge();

        assertThat(bridge.objectName()).contains(new ObjectName("dev.streamscope:type=GrpcStreams"));
        assertThat(PLATFORM.getAttribute(new ObjectName(StreamScopeBridge.OBJECT_NAME), "Capacity"))
                .isEqualTo(100_000);
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedNamesStillReachTheSameThings() {
        StreamScopeBridge defaultBridge = StreamScopeBridge.defaultBridge();
        assertThat(StreamScopeBridge.serverInterceptor()).isSameAs(defaultBridge.trackingServerInterceptor());
        assertThat(StreamScopeBridge.clientInterceptor()).isSameAs(defaultBridge.trackingClientInterceptor());
        assertThat(StreamLifetimes.PROPERTY).isEqualTo(StreamLifetimes.LIFETIME_PROPERTY);
        try (StreamScopeBridge bridge = StreamScopeBridge.create("renamed", 10)) {
            bridge.siteSampling(SiteSampling.off());
            assertThat(bridge.siteSampling().perMethodRate()).isZero();
            assertThat(bridge.useSiteSampling(SiteSampling.defaults())).isSameAs(bridge);
            assertThat(bridge.siteSampling().perMethodRate()).isEqualTo(SiteSampling.DEFAULT_PER_METHOD_RATE);
            assertThat(bridge.siteSampling().withSampleEvery(1).sampleEvery()).isEqualTo(1);
        }
    }

    @Test
    void openStreamsReadWithOpenTypesOnlyOldestFirst() throws Exception {
        try (StreamScopeBridge bridge = StreamScopeBridge.create("published-rows", 100);
                Transport.Endpoints endpoints = Transport.NETTY.start(
                        List.of(bridge.trackingServerInterceptor()),
                        List.of(bridge.trackingClientInterceptor()),
                        false)) {
            ObjectName name = new ObjectName("dev.streamscope:type=GrpcStreams,name=published-rows");
            ClientCall<String, String> first = openChat(endpoints);
            await().atMost(PATIENCE).until(() -> bridge.streams().getOpenStreams() == 2);
            ClientCall<String, String> second = openChat(endpoints);
            await().atMost(PATIENCE).until(() -> bridge.streams().getOpenStreams() == 4);

            List<String> attributes = List.of(
                    "OpenStreams",
                    "StartedTotal",
                    "EndedTotal",
                    "DroppedTotal",
                    "Capacity",
                    "MeanLifetimeMillis",
                    "OldestAgeMillis");
            assertThat(PLATFORM.getAttributes(name, attributes.toArray(String[]::new)))
                    .hasSize(attributes.size());
            assertThat(PLATFORM.getAttribute(name, "OpenStreams")).isEqualTo(4);
            assertThat(PLATFORM.getAttribute(name, "StartedTotal")).isEqualTo(4L);

            Object result = PLATFORM.invoke(name, "oldest", new Object[] {10}, new String[] {"int"});
            assertThat(result).isInstanceOf(CompositeData[].class);
            CompositeData[] rows = (CompositeData[]) result;
            assertThat(rows).hasSize(4);
            assertThat(rows[0].getCompositeType().keySet())
                    .isEqualTo(Set.of(
                            "id",
                            "side",
                            "method",
                            "type",
                            "authority",
                            "peer",
                            "startEpochMillis",
                            "ageMillis",
                            "messagesSent",
                            "messagesReceived",
                            "halfClosedLocal",
                            "halfClosedRemote",
                            "lastActivityEpochMillis"));
            List<Long> ids =
                    Arrays.stream(rows).map(row -> (Long) row.get("id")).toList();
            assertThat(ids).isSorted();
            assertThat((Long) rows[0].get("ageMillis")).isGreaterThanOrEqualTo((Long) rows[3].get("ageMillis"));
            for (CompositeData row : rows) {
                assertThat(row.get("side")).isIn("CLIENT", "SERVER");
                assertThat(row.get("type")).isEqualTo("BIDI_STREAMING");
                assertThat(row.get("method")).isEqualTo("streamscope.probe.Probe/Chat");
                assertThat(row.get("halfClosedLocal")).isEqualTo(false);
            }
            int port = endpoints.server().getPort();
            CompositeData client = Arrays.stream(rows)
                    .filter(row -> row.get("side").equals("CLIENT"))
                    .findFirst()
                    .orElseThrow();
            assertThat(client.get("authority")).isEqualTo("127.0.0.1:" + port);
            assertThat((String) client.get("peer")).contains("127.0.0.1:" + port);
            CompositeData server = Arrays.stream(rows)
                    .filter(row -> row.get("side").equals("SERVER"))
                    .findFirst()
                    .orElseThrow();
            assertThat((String) server.get("peer")).contains("127.0.0.1:");
            assertThat(server.get("authority")).isEqualTo("127.0.0.1:" + port);

            Object olderThan = PLATFORM.invoke(name, "olderThan", new Object[] {0L, 3}, new String[] {"long", "int"});
            assertThat((CompositeData[]) olderThan).hasSize(3);
            assertThat(PLATFORM.invoke(name, "countOlderThan", new Object[] {0L}, new String[] {"long"}))
                    .isEqualTo(4L);
            assertThat(PLATFORM.invoke(name, "countOlderThan", new Object[] {3_600_000L}, new String[] {"long"}))
                    .isEqualTo(0L);

            // The rows also map back to StreamRow for a Java client that does have the bridge classes.
            StreamRow oldest = JMX.newMXBeanProxy(PLATFORM, name, GrpcStreamsMXBean.class)
                    .oldest(1)
                    .get(0);
            assertThat(oldest.getId()).isEqualTo(rows[0].get("id"));
            assertThat(oldest.getType()).isEqualTo(MethodType.BIDI_STREAMING);

            first.cancel("done", null);
            second.cancel("done", null);
            await().atMost(PATIENCE).until(() -> bridge.streams().getOpenStreams() == 0);
        }
    }

    @Test
    void oldestTableHoldsTheSameRowsAsOldestByColumnWithOpenTypesOnly() throws Exception {
        try (StreamScopeBridge bridge = StreamScopeBridge.create("published-table", 100);
                Transport.Endpoints endpoints = Transport.NETTY.start(
                        List.of(bridge.trackingServerInterceptor()),
                        List.of(bridge.trackingClientInterceptor()),
                        false)) {
            ObjectName name = new ObjectName("dev.streamscope:type=GrpcStreams,name=published-table");
            List<ClientCall<String, String>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(openChat(endpoints));
            }
            ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.ECHO, options(), "ended");
            await().atMost(PATIENCE).until(() -> bridge.streams().getOpenStreams() == 6);

            // Echoes may still be in flight between two reads: wait until the rows hold still.
            AtomicReference<CompositeData[]> rows = new AtomicReference<>();
            AtomicReference<CompositeData> table = new AtomicReference<>();
            await().atMost(PATIENCE).until(() -> {
                rows.set((CompositeData[]) PLATFORM.invoke(name, "oldest", new Object[] {5}, new String[] {"int"}));
                table.set((CompositeData) PLATFORM.invoke(name, "oldestTable", new Object[] {5}, new String[] {"int"}));
                return withoutAge(rows.get()).equals(withoutAge(columnsToRows(table.get())));
            });

            CompositeData columns = table.get();
            assertThat(columns.getCompositeType().keySet())
                    .contains("readAtEpochMillis", "ids", "methods", "methodIndexes", "peers", "peerIndexes");
            for (String item : columns.getCompositeType().keySet()) {
                OpenType<?> type = columns.getCompositeType().getType(item);
                assertThat(type instanceof SimpleType || type instanceof ArrayType)
                        .as(item + " is " + type)
                        .isTrue();
            }
            assertThat((long[]) columns.get("ids")).hasSize(5);
            assertThat((String[]) columns.get("methods")).containsExactly("streamscope.probe.Probe/Chat");
            List<Map<String, Object>> decoded = columnsToRows(columns);
            for (int i = 0; i < rows.get().length; i++) {
                // the table's ages are measured to its own read, a moment after oldest's
                assertThat((Long) decoded.get(i).get("ageMillis"))
                        .isGreaterThanOrEqualTo((Long) rows.get()[i].get("ageMillis"));
            }

            // A Java client with the bridge classes gets a StreamTable back, rows as oldest builds them.
            GrpcStreamsMXBean proxy = JMX.newMXBeanProxy(PLATFORM, name, GrpcStreamsMXBean.class);
            StreamTable proxied = proxy.oldestTable(100);
            assertThat(proxied.size()).isEqualTo(6);
            assertThat(proxied.row(0).getType()).isEqualTo(MethodType.BIDI_STREAMING);
            assertThat(proxied.row(0).getId()).isEqualTo(rows.get()[0].get("id"));

            calls.forEach(call -> call.cancel("done", null));
            await().atMost(PATIENCE).until(() -> bridge.streams().getOpenStreams() == 0);
            assertThat((long[]) ((CompositeData)
                                    PLATFORM.invoke(name, "oldestTable", new Object[] {5}, new String[] {"int"}))
                            .get("ids"))
                    .isEmpty();
        }
    }

    @Test
    void tableKeepsNullTextsAndRebuildsTheRows() {
        long now = System.currentTimeMillis();
        StreamRow unknownPeer = new StreamRow(
                7, StreamSide.CLIENT, "a.B/C", MethodType.UNARY, null, null, now - 50, 50, 1, 0, true, false, now - 10);
        StreamRow known = new StreamRow(
                8,
                StreamSide.SERVER,
                "a.B/C",
                MethodType.BIDI_STREAMING,
                "host:1",
                "/10.0.0.1:5",
                now - 20,
                20,
                0,
                2,
                false,
                true,
                now - 5);

        StreamTable table = StreamTable.of(now, List.of(unknownPeer, known));

        assertThat(table.getMethods()).containsExactly("a.B/C");
        assertThat(table.getPeerIndexes()).containsExactly(StreamTable.NO_TEXT, 0);
        assertThat(List.of(table.row(0), table.row(1)))
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactly(unknownPeer, known);
    }

    @Test
    void serviceInterceptedPerServiceIsTrackedToo() throws Exception {
        String serverName = InProcessServerBuilder.generateName();
        try (StreamScopeBridge bridge = StreamScopeBridge.create("per-service", 100)) {
            var server = InProcessServerBuilder.forName(serverName)
                    .addService(
                            ServerInterceptors.intercept(ProbeService.definition(), bridge.trackingServerInterceptor()))
                    .build()
                    .start();
            var channel = InProcessChannelBuilder.forName(serverName).build();
            try {
                ClientCalls.blockingUnaryCall(channel, ProbeService.ECHO, options(), "hi");
                await().atMost(PATIENCE).until(() -> bridge.streams().getEndedTotal() == 1);
                assertThat(bridge.streams().getStartedTotal()).isEqualTo(1);
            } finally {
                channel.shutdownNow();
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void secondBridgeWithTheSameNameIsRefused() {
        try (StreamScopeBridge bridge = StreamScopeBridge.create("taken", 10)) {
            assertThat(bridge.objectName()).isPresent();
            assertThatThrownBy(() -> StreamScopeBridge.create("taken", 10)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> StreamScopeBridge.create("bad,name", 10))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> StreamScopeBridge.create("zero", 0)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(PLATFORM.queryNames(null, null))
                .noneMatch(name -> name.toString().contains("name=taken"));
    }

    @Test
    void concurrentCallsNeverExceedCapacityAndAllAreForgotten() throws Exception {
        int capacity = 8;
        try (StreamScopeBridge bridge = StreamScopeBridge.create("concurrent", capacity);
                Transport.Endpoints endpoints = Transport.IN_PROCESS.start(
                        List.of(bridge.trackingServerInterceptor()),
                        List.of(bridge.trackingClientInterceptor()),
                        false)) {
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int caller = 0; caller < 8; caller++) {
                    done.add(callers.submit(() -> {
                        for (int call = 0; call < 200; call++) {
                            ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.ECHO, options(), "x");
                            assertThat(bridge.streams().getOpenStreams()).isBetween(0, capacity);
                            assertThat(bridge.streams().oldest(100)).hasSizeLessThanOrEqualTo(capacity);
                        }
                        return null;
                    }));
                }
                for (Future<?> caller : done) {
                    caller.get(60, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
            }
            GrpcStreamsMXBean streams = bridge.streams();
            await().atMost(PATIENCE).until(() -> streams.getOpenStreams() == 0);
            assertThat(streams.getStartedTotal() + streams.getDroppedTotal()).isEqualTo(2 * 8 * 200);
            assertThat(streams.getEndedTotal()).isEqualTo(streams.getStartedTotal());
            assertThat(streams.oldest(100)).isEmpty();
        }
    }

    /** The table's columns as one item map per row, with the names and values of {@code oldest}'s rows. */
    private static List<Map<String, Object>> columnsToRows(CompositeData table) {
        long readAt = (Long) table.get("readAtEpochMillis");
        long[] starts = (long[]) table.get("startEpochMillis");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", ((long[]) table.get("ids"))[i]);
            row.put("side", text(table, "sides", "sideIndexes", i));
            row.put("method", text(table, "methods", "methodIndexes", i));
            row.put("type", text(table, "types", "typeIndexes", i));
            row.put("authority", text(table, "authorities", "authorityIndexes", i));
            row.put("peer", text(table, "peers", "peerIndexes", i));
            row.put("startEpochMillis", starts[i]);
            row.put("ageMillis", Math.max(0, readAt - starts[i]));
            row.put("messagesSent", ((long[]) table.get("messagesSent"))[i]);
            row.put("messagesReceived", ((long[]) table.get("messagesReceived"))[i]);
            row.put("halfClosedLocal", ((boolean[]) table.get("halfClosedLocal"))[i]);
            row.put("halfClosedRemote", ((boolean[]) table.get("halfClosedRemote"))[i]);
            row.put("lastActivityEpochMillis", ((long[]) table.get("lastActivityEpochMillis"))[i]);
            rows.add(row);
        }
        return rows;
    }

    private static String text(CompositeData table, String dictionary, String indexes, int row) {
        int index = ((int[]) table.get(indexes))[row];
        return index == StreamTable.NO_TEXT ? null : ((String[]) table.get(dictionary))[index];
    }

    private static List<Map<String, Object>> withoutAge(CompositeData[] rows) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (CompositeData row : rows) {
            Map<String, Object> map = new HashMap<>();
            for (String item : row.getCompositeType().keySet()) {
                map.put(item, row.get(item));
            }
            map.remove("ageMillis");
            maps.add(map);
        }
        return maps;
    }

    private static List<Map<String, Object>> withoutAge(List<Map<String, Object>> rows) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> map = new HashMap<>(row);
            map.remove("ageMillis");
            maps.add(map);
        }
        return maps;
    }

    private static ClientCall<String, String> openChat(Transport.Endpoints endpoints) {
        ClientCall<String, String> call = endpoints.channel().newCall(ProbeService.CHAT, options());
        call.start(new ClientCall.Listener<>() {}, new Metadata());
        call.request(Integer.MAX_VALUE);
        call.sendMessage("hello");
        return call;
    }

    private static CallOptions options() {
        return CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
    }
}
