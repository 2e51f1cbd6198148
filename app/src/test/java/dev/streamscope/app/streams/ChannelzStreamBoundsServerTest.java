package dev.streamscope.app.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.channelz.ChannelzAddress;
import dev.streamscope.app.channelz.ChannelzClient;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.channelz.ChannelzWalkSettings;
import dev.streamscope.app.channelz.ChannelzWalker;
import dev.streamscope.app.channelz.SocketNode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ChannelzService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The channelz bounds against real grpc-java servers on 127.0.0.1, whose streams the test opens at known times: lane A
 * holds 5 streams that never end and nothing else, lane B churns short streams (held 200 ms, well under the lifetime)
 * and unary calls, lane C holds 3 streams that never end among unary churn. Every walk checks lower <= truth and
 * truth <= upper <= open; the walks go on until A's streams are older than the lifetime, where the lower bound must reach 5.
 */
class ChannelzStreamBoundsServerTest {

    private static final Duration LIFETIME = Duration.ofSeconds(1);
    private static final LifetimePolicy POLICY = LifetimePolicy.parse(List.of("1s"));
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    @Test
    void lowerBoundNeverExceedsTheTruthAndReachesItForStreamsThatNeverEnd() throws Exception {
        Server channelzServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ChannelzService.newInstance(100))
                .build()
                .start();
        ScheduledExecutorService churn = Executors.newScheduledThreadPool(2);
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicBoolean laneBHeldLong = new AtomicBoolean();
        try (StreamLane laneA = new StreamLane();
                StreamLane laneB = new StreamLane();
                StreamLane laneC = new StreamLane();
                ChannelzClient client = ChannelzClient.open(
                        ChannelzTarget.plaintext(new ChannelzAddress("127.0.0.1", channelzServer.getPort())),
                        TIMEOUTS)) {
            ChannelzWalker walker = new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT);
            ChannelzStreamBounds bounds = new ChannelzStreamBounds();
            laneA.unary();
            laneB.unary();
            laneC.unary();
            AtomicLong laneBHeldSince = new AtomicLong(System.currentTimeMillis());
            churn.scheduleWithFixedDelay(
                    () -> {
                        laneB.unary();
                        laneC.unary();
                    },
                    0,
                    30,
                    TimeUnit.MILLISECONDS);
            churn.scheduleWithFixedDelay(
                    () -> {
                        // a held stream that lived a lifetime (the machine stalled) may rightly count as old
                        if (System.currentTimeMillis() - laneBHeldSince.get() >= LIFETIME.toMillis() - 100) {
                            laneBHeldLong.set(true);
                        }
                        laneB.endHeld();
                        laneBHeldSince.set(System.currentTimeMillis());
                        laneB.hold();
                        laneB.hold();
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS);

            long neverEndingOpenedFrom = System.currentTimeMillis();
            for (int i = 0; i < 5; i++) {
                laneA.hold();
            }
            for (int i = 0; i < 3; i++) {
                laneC.hold();
            }
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        ChannelzSnapshot snapshot = walker.refresh();
                        return open(snapshot, laneA, SocketNode.Role.SERVER) == 5
                                && open(snapshot, laneC, SocketNode.Role.SERVER) >= 3;
                    });
            long neverEndingOpenedBy = System.currentTimeMillis();

            AtomicBoolean reached = new AtomicBoolean();
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        ChannelzSnapshot snapshot = walker.refresh();
                        ChannelzStreamAges ages = bounds.update(snapshot, POLICY);
                        long walkStart = snapshot.takenAt().toEpochMilli();
                        long walkEnd = walkStart + snapshot.walkDuration().toMillis();
                        // how many of A's (and C's held) streams can be a lifetime old at any socket read of this walk
                        boolean heldMayBeOld = walkEnd - LIFETIME.toMillis() >= neverEndingOpenedFrom;
                        boolean heldAreOld = walkStart - LIFETIME.toMillis() >= neverEndingOpenedBy;
                        for (SocketNode.Role role : List.of(SocketNode.Role.CLIENT, SocketNode.Role.SERVER)) {
                            check(violations, ages, laneA, role, heldAreOld ? 5 : 0, heldMayBeOld ? 5 : 0, "A");
                            check(violations, ages, laneB, role, 0, laneBHeldLong.get() ? 2 : 0, "B");
                            check(violations, ages, laneC, role, heldAreOld ? 3 : 0, heldMayBeOld ? 3 : 0, "C");
                        }
                        long upperSum = ages.sockets().stream()
                                .mapToLong(SocketStreamAges::olderAtMost)
                                .sum();
                        if (ages.overdue().atMost() > ages.open()
                                || upperSum != ages.overdue().atMost()) {
                            violations.add("upper " + ages.overdue().atMost() + " > open " + ages.open()
                                    + " or not the sum of the sockets' " + upperSum);
                        }
                        if (heldAreOld
                                && lower(ages, laneA, SocketNode.Role.CLIENT) == 5
                                && lower(ages, laneA, SocketNode.Role.SERVER) == 5) {
                            reached.set(true);
                        }
                        return reached.get() || !violations.isEmpty();
                    });
            assertThat(violations).isEmpty();
            assertThat(reached).isTrue();
        } finally {
            churn.shutdownNow();
            churn.awaitTermination(5, TimeUnit.SECONDS);
            channelzServer.shutdownNow();
            channelzServer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void check(
            List<String> violations,
            ChannelzStreamAges ages,
            StreamLane lane,
            SocketNode.Role role,
            long truthAtLeast,
            long truthAtMost,
            String name) {
        Optional<SocketStreamAges> socket = socket(ages, lane, role);
        long lower = socket.map(SocketStreamAges::olderAtLeast).orElse(0L);
        if (lower > truthAtMost) {
            violations.add("lane " + name + " " + role + ": lower bound " + lower + " exceeds the truth " + truthAtMost
                    + " at " + ages.takenAt());
        }
        long upper = socket.map(SocketStreamAges::olderAtMost).orElse(0L);
        if (upper < truthAtLeast || upper > socket.map(SocketStreamAges::open).orElse(0L)) {
            violations.add("lane " + name + " " + role + ": upper bound " + upper + " below the truth " + truthAtLeast
                    + " or above the open count at " + ages.takenAt());
        }
    }

    private static long lower(ChannelzStreamAges ages, StreamLane lane, SocketNode.Role role) {
        return socket(ages, lane, role).map(SocketStreamAges::olderAtLeast).orElse(0L);
    }

    private static Optional<SocketStreamAges> socket(ChannelzStreamAges ages, StreamLane lane, SocketNode.Role role) {
        return ages.sockets().stream()
                .filter(socket -> socket.role() == role
                        && laneAddress(socket.role(), socket.localAddress(), socket.remoteAddress(), lane))
                .findFirst();
    }

    private static long open(ChannelzSnapshot snapshot, StreamLane lane, SocketNode.Role role) {
        return snapshot.servers().stream()
                .flatMap(server -> server.serverSockets().stream())
                .filter(socket -> laneAddress(role, socket.localAddress(), socket.remoteAddress(), lane))
                .mapToLong(SocketNode::openStreams)
                .sum();
    }

    /** A client socket's remote end, or a server socket's local end, is the lane's server port. */
    private static boolean laneAddress(SocketNode.Role role, String local, String remote, StreamLane lane) {
        String address = role == SocketNode.Role.CLIENT ? remote : local;
        return address != null && address.endsWith(":" + lane.port());
    }
}
