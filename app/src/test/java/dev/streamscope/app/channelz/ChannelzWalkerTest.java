package dev.streamscope.app.channelz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Int64Value;
import com.google.protobuf.Timestamp;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.bench.SequentialChannelzWalk;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.SessionListener;
import dev.streamscope.app.session.TargetSession;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetStatus;
import dev.streamscope.app.session.TargetTick;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.channelz.v1.Channel;
import io.grpc.channelz.v1.ChannelData;
import io.grpc.channelz.v1.ChannelRef;
import io.grpc.channelz.v1.Socket;
import io.grpc.channelz.v1.SocketRef;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelzWalkerTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    @Test
    void snapshotEqualsWhatTheServerReportsWithPagesOfOne() throws Exception {
        try (TrafficFixture traffic = new TrafficFixture(3, 1, null)) {
            for (int i = 0; i < traffic.channelCount(); i++) {
                traffic.unary(i, false);
                traffic.unary(i, false);
                traffic.unary(i, true);
            }
            int leaked = 5;
            for (int i = 0; i < leaked; i++) {
                traffic.leak(i % traffic.channelCount());
            }
            traffic.awaitServerOpenStreams(leaked);

            ChannelzSnapshot snapshot;
            try (ChannelzClient client =
                    ChannelzClient.open(ChannelzTarget.plaintext(traffic.channelzAddress()), TIMEOUTS)) {
                snapshot = new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT.withPageSize(1)).refresh();
            }
            ChannelzSnapshot reference = directQueries(traffic);

            List<ChannelNode> channels = trafficChannels(snapshot, traffic);
            assertThat(channels).hasSize(3);
            assertThat(channels).allSatisfy(channel -> {
                assertThat(channel.data().state()).isEqualTo(ConnectivityState.READY);
                assertThat(channel.subchannels()).hasSize(1);
                assertThat(channel.subchannels().get(0).sockets()).hasSize(1);
            });
            assertThat(channels.stream()
                            .mapToLong(channel -> channel.data().callsSucceeded())
                            .sum())
                    .isEqualTo(6);
            assertThat(channels.stream()
                            .mapToLong(channel -> channel.data().callsFailed())
                            .sum())
                    .isEqualTo(3);
            assertThat(channels.stream().mapToLong(ChannelNode::openStreams).sum())
                    .isEqualTo(leaked);

            ServerNode server = trafficServer(snapshot, traffic);
            assertThat(server.serverSockets()).hasSize(3);
            assertThat(server.openStreams()).isEqualTo(leaked);
            assertThat(server.data().callsStarted()).isEqualTo(9 + leaked);
            assertThat(server.serverSockets())
                    .allSatisfy(socket -> assertThat(socket.lastActivity()).isNotNull());

            // the reference is independent blocking code; with traffic quiet, both must see the same entities
            assertThat(withoutOptions(trafficChannels(snapshot, traffic)))
                    .isEqualTo(withoutOptions(trafficChannels(reference, traffic)));
            assertThat(socketIds(trafficServer(snapshot, traffic)))
                    .isEqualTo(socketIds(trafficServer(reference, traffic)));
            assertThat(snapshot.totals().topChannels())
                    .isEqualTo(reference.totals().topChannels());
            assertThat(snapshot.totals().serverSockets())
                    .isEqualTo(reference.totals().serverSockets());
            assertThat(snapshot.vanished()).isZero();
        }
    }

    @Test
    void totalsCountClientAndServerSides() throws Exception {
        try (TrafficFixture traffic = new TrafficFixture(2, 1, null)) {
            traffic.leak(0);
            traffic.leak(1);
            traffic.leak(1);
            traffic.awaitServerOpenStreams(3);
            try (ChannelzClient client =
                    ChannelzClient.open(ChannelzTarget.plaintext(traffic.channelzAddress()), TIMEOUTS)) {
                ChannelzTotals totals = new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT)
                        .refresh()
                        .totals();
                // the walker's own channel to the channelz server is a top channel too, with one call in flight
                assertThat(totals.topChannels()).isEqualTo(3);
                assertThat(totals.subchannels()).isEqualTo(3);
                assertThat(totals.clientSockets()).isEqualTo(3);
                assertThat(totals.clientOpenStreams()).isBetween(3L, 3L + ChannelzWalkSettings.DEFAULT.maxInFlight());
                assertThat(totals.serverSockets()).isEqualTo(3);
                assertThat(totals.listenSockets()).isEqualTo(2);
                assertThat(totals.serverOpenStreams()).isBetween(3L, 3L + ChannelzWalkSettings.DEFAULT.maxInFlight());
            }
        }
    }

    @Test
    void walkFollowsPagesFromTheLargestIdUntilEndWhateverThePeerPageSize() throws Exception {
        // sparse ids, listed out of order: the peer sorts them per spec, the walker must not assume density
        List<Channel> channels = List.of(
                channel(900, List.of()),
                channel(7, List.of()),
                channel(52, List.of()),
                channel(3, List.of()),
                channel(400, List.of()));
        try (HandWrittenChannelzPeer peer = new HandWrittenChannelzPeer(channels, Map.of(), 2, false).start();
                ChannelzClient client = ChannelzClient.open(ChannelzTarget.plaintext(peer.address()), TIMEOUTS)) {
            ChannelzSnapshot snapshot =
                    new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT.withPageSize(100)).refresh();

            assertThat(snapshot.topChannels()).extracting(ChannelNode::id).containsExactly(3L, 7L, 52L, 400L, 900L);
            assertThat(peer.requestedTopChannelStarts()).containsExactly(0L, 8L, 401L);
        }
    }

    @Test
    void socketThatVanishesMidWalkIsLeftOutAndCounted() throws Exception {
        Map<Long, Socket> sockets = new HashMap<>();
        sockets.put(11L, Socket.newBuilder().setRef(socketRef(11)).build());
        // socket 12 is listed by the channel but NOT_FOUND when fetched: it closed in between
        List<Channel> channels = List.of(channel(1, List.of(11L, 12L)));
        try (HandWrittenChannelzPeer peer = new HandWrittenChannelzPeer(channels, sockets, 10, false).start();
                ChannelzClient client = ChannelzClient.open(ChannelzTarget.plaintext(peer.address()), TIMEOUTS)) {
            ChannelzSnapshot snapshot = new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT).refresh();

            assertThat(snapshot.topChannels().get(0).sockets())
                    .extracting(SocketNode::id)
                    .containsExactly(11L);
            assertThat(snapshot.vanished()).isEqualTo(1);
        }
    }

    @Test
    void absentOptionalFieldsStayAbsentInsteadOfBecomingZeros() throws Exception {
        Map<Long, Socket> sockets = Map.of(
                11L,
                Socket.newBuilder()
                        .setRef(socketRef(11))
                        .setData(io.grpc.channelz.v1.SocketData.newBuilder()
                                .setStreamsStarted(4)
                                .setStreamsSucceeded(1)
                                .setLastMessageSentTimestamp(
                                        Timestamp.newBuilder().setSeconds(1_700_000_000))
                                .setLocalFlowControlWindow(Int64Value.of(65_535)))
                        .build());
        Channel bare = Channel.newBuilder()
                .setRef(ChannelRef.newBuilder().setChannelId(1))
                .setData(ChannelData.newBuilder().setTarget("dns:///somewhere:443"))
                .addSocketRef(socketRef(11))
                .build();
        try (HandWrittenChannelzPeer peer = new HandWrittenChannelzPeer(List.of(bare), sockets, 10, false).start();
                ChannelzClient client = ChannelzClient.open(ChannelzTarget.plaintext(peer.address()), TIMEOUTS)) {
            ChannelNode channel = new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT)
                    .refresh()
                    .topChannels()
                    .get(0);

            assertThat(channel.data().state()).isNull();
            assertThat(channel.data().lastCallStarted()).isNull();
            assertThat(channel.data().trace()).isNull();
            SocketNode socket = channel.sockets().get(0);
            assertThat(socket.localAddress()).isNull();
            assertThat(socket.security()).isNull();
            assertThat(socket.data().openStreams()).isEqualTo(3);
            assertThat(socket.data().lastLocalStreamCreated()).isNull();
            assertThat(socket.data().remoteFlowControlWindow()).isNull();
            assertThat(socket.data().localFlowControlWindow()).isEqualTo(65_535L);
            assertThat(socket.lastActivity()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        }
    }

    @Test
    void pageThatNeverEndsNorAdvancesIsAnErrorNotAnEndlessLoop() throws Exception {
        try (HandWrittenChannelzPeer peer =
                        new HandWrittenChannelzPeer(List.of(channel(5, List.of())), Map.of(), 10, true).start();
                ChannelzClient client = ChannelzClient.open(ChannelzTarget.plaintext(peer.address()), TIMEOUTS)) {
            ChannelzWalker walker = new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT);
            assertThatThrownBy(walker::refresh)
                    .isInstanceOfSatisfying(
                            TargetProblem.class,
                            problem -> assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.REJECTED_DATA))
                    .hasMessageContaining("GetTopChannels");
            assertThat(peer.requests("GetTopChannels")).isEqualTo(2);
        }
    }

    @Test
    void hugeAnswerBecomesAnErrorNotAnOutOfMemoryError() throws Exception {
        Channel huge = Channel.newBuilder()
                .setRef(ChannelRef.newBuilder().setChannelId(1))
                .setData(ChannelData.newBuilder().setTarget("x".repeat(ChannelzClient.MAX_INBOUND_MESSAGE_BYTES + 1)))
                .build();
        try (HandWrittenChannelzPeer peer = new HandWrittenChannelzPeer(List.of(huge), Map.of(), 10, false).start();
                ChannelzClient client = ChannelzClient.open(ChannelzTarget.plaintext(peer.address()), TIMEOUTS)) {
            assertThatThrownBy(new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT)::refresh)
                    .isInstanceOfSatisfying(
                            TargetProblem.class,
                            problem -> assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.REJECTED_DATA))
                    .hasMessageContaining("larger than StreamScope accepts");
        }
    }

    @Test
    void treeLargerThanTheEntityBoundIsRefused() throws Exception {
        List<Channel> channels = List.of(channel(1, List.of()), channel(2, List.of()), channel(3, List.of()));
        try (HandWrittenChannelzPeer peer = new HandWrittenChannelzPeer(channels, Map.of(), 10, false).start();
                ChannelzClient client = ChannelzClient.open(ChannelzTarget.plaintext(peer.address()), TIMEOUTS)) {
            assertThatThrownBy(new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT.withMaxEntities(2))::refresh)
                    .isInstanceOfSatisfying(
                            TargetProblem.class,
                            problem -> assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.REJECTED_DATA))
                    .hasMessageContaining("more than 2");
        }
    }

    @Test
    void callsInFlightNeverExceedTheSetting() throws Exception {
        ConcurrencyCounter counter = new ConcurrencyCounter();
        try (TrafficFixture traffic = new TrafficFixture(12, 100, counter)) {
            for (int i = 0; i < traffic.channelCount(); i++) {
                traffic.leak(i);
            }
            traffic.awaitServerOpenStreams(traffic.channelCount());
            try (ChannelzClient client =
                    ChannelzClient.open(ChannelzTarget.plaintext(traffic.channelzAddress()), TIMEOUTS)) {
                ChannelzSnapshot snapshot =
                        new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT.withMaxInFlight(3)).refresh();
                assertThat(snapshot.remoteCalls()).isGreaterThan(30);
            }
            assertThat(counter.peak.get()).isBetween(2, 3);
        }
    }

    @Test
    void aSessionWalksWithTheTargetsRpcsInFlight() throws Exception {
        ConcurrencyCounter counter = new ConcurrencyCounter();
        try (TrafficFixture traffic = new TrafficFixture(12, 100, counter)) {
            for (int i = 0; i < traffic.channelCount(); i++) {
                traffic.leak(i);
            }
            traffic.awaitServerOpenStreams(traffic.channelCount());
            List<ChannelzUpdate> updates = new CopyOnWriteArrayList<>();
            TargetSpec spec = new TargetSpec(
                    null,
                    null,
                    ChannelzTarget.plaintext(traffic.channelzAddress()).withMaxInFlight(3));
            TargetSession session = new TargetSession(
                    spec,
                    (jmx, timeouts) -> {
                        throw new AssertionError("a channelz-only target opens no JVM connection");
                    },
                    TIMEOUTS,
                    Duration.ofHours(1),
                    new SessionListener() {
                        @Override
                        public void onStatus(TargetStatus status) {}

                        @Override
                        public void onTick(TargetTick tick) {}

                        @Override
                        public void onChannelz(ChannelzUpdate update) {
                            updates.add(update);
                        }
                    });
            try {
                session.start();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !updates.isEmpty());
            } finally {
                session.close();
            }

            assertThat(updates.get(0).succeeded()).isTrue();
            assertThat(updates.get(0).snapshot().remoteCalls()).isGreaterThan(30);
            assertThat(counter.peak.get()).isBetween(1, 3);
        }
    }

    @Test
    void walkOfTheDemoTargetSeesItsLeakedStreams() throws Exception {
        try (dev.streamscope.app.demo.DemoTarget demo =
                dev.streamscope.app.demo.DemoTargetLauncher.start(Duration.ofSeconds(30))) {
            ChannelzTarget target = ChannelzTarget.plaintext(ChannelzAddress.parse(demo.channelzAddress()));
            try (ChannelzClient client = ChannelzClient.open(target, TIMEOUTS)) {
                ChannelzWalker walker = new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT.withPageSize(1));
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> walker.refresh().totals().serverOpenStreams() > 1);
                ChannelzSnapshot snapshot = walker.refresh();
                assertThat(snapshot.totals().topChannels()).isGreaterThanOrEqualTo(2);
                assertThat(snapshot.servers()).isNotEmpty();
                assertThat(snapshot.totals().clientOpenStreams()).isPositive();
            }
        }
    }

    private static ChannelzSnapshot directQueries(TrafficFixture traffic) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress(
                        "127.0.0.1", traffic.channelzAddress().port())
                .usePlaintext()
                .build();
        try {
            return new SequentialChannelzWalk(channel, 1, Duration.ofSeconds(5)).walk();
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static List<ChannelNode> trafficChannels(ChannelzSnapshot snapshot, TrafficFixture traffic) {
        return snapshot.topChannels().stream()
                .filter(channel -> channel.data().target().contains(":" + traffic.trafficPort()))
                .toList();
    }

    private static ServerNode trafficServer(ChannelzSnapshot snapshot, TrafficFixture traffic) {
        return snapshot.servers().stream()
                .filter(server -> server.displayName().endsWith(":" + traffic.trafficPort()))
                .findFirst()
                .orElseThrow();
    }

    private static List<Long> socketIds(ServerNode server) {
        return server.serverSockets().stream().map(SocketNode::id).sorted().toList();
    }

    /** TCP_INFO options (rtt and the like) move between two reads of the same socket; the rest must not. */
    private static List<ChannelNode> withoutOptions(List<ChannelNode> channels) {
        return channels.stream().map(ChannelzWalkerTest::withoutOptions).toList();
    }

    private static ChannelNode withoutOptions(ChannelNode channel) {
        return new ChannelNode(
                channel.key(),
                channel.data(),
                withoutOptions(channel.channels()),
                withoutOptions(channel.subchannels()),
                channel.sockets().stream()
                        .map(socket -> new SocketNode(
                                socket.key(),
                                socket.role(),
                                socket.localAddress(),
                                socket.remoteAddress(),
                                socket.remoteName(),
                                socket.data() == null
                                        ? null
                                        : new SocketData(
                                                socket.data().streamsStarted(),
                                                socket.data().streamsSucceeded(),
                                                socket.data().streamsFailed(),
                                                socket.data().messagesSent(),
                                                socket.data().messagesReceived(),
                                                socket.data().keepAlivesSent(),
                                                socket.data().lastLocalStreamCreated(),
                                                socket.data().lastRemoteStreamCreated(),
                                                socket.data().lastMessageSent(),
                                                socket.data().lastMessageReceived(),
                                                socket.data().localFlowControlWindow(),
                                                socket.data().remoteFlowControlWindow(),
                                                List.of()),
                                socket.security()))
                        .toList());
    }

    private static Channel channel(long id, List<Long> socketIds) {
        Channel.Builder builder = Channel.newBuilder()
                .setRef(ChannelRef.newBuilder().setChannelId(id).setName("channel-" + id))
                .setData(ChannelData.newBuilder().setTarget("target-" + id));
        socketIds.forEach(socketId -> builder.addSocketRef(socketRef(socketId)));
        return builder.build();
    }

    private static SocketRef socketRef(long id) {
        return SocketRef.newBuilder().setSocketId(id).setName("socket-" + id).build();
    }

    /** Counts channelz calls running at once on the real server: the walker's bound, seen from the other side. */
    private static final class ConcurrencyCounter implements ServerInterceptor {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            return next.startCall(
                    new SimpleForwardingServerCall<>(call) {
                        @Override
                        public void close(Status status, Metadata trailers) {
                            running.decrementAndGet();
                            super.close(status, trailers);
                        }
                    },
                    headers);
        }
    }
}
