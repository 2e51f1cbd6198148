package dev.streamscope.app.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.StringValue;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.channelz.ChannelzAddress;
import dev.streamscope.app.channelz.ChannelzClient;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.channelz.ChannelzWalkSettings;
import dev.streamscope.app.channelz.ChannelzWalker;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ChannelzService;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The growth rule against a real grpc-java server on 127.0.0.1 with ChannelzService, walked as a session would: one
 * connection carries 50 healthy unary calls a second next to either a leak (20 streams a second never closed) or
 * steady long-lived streams (20 a second, each closed after 2 s). A 15 s trend window keeps the test short.
 */
class StreamGrowthServerTest {

    private static final Duration WINDOW = Duration.ofSeconds(15);
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    private Server channelzServer;
    private StreamLane lane;
    private ChannelzClient client;
    private ScheduledExecutorService traffic;

    @BeforeEach
    void start() throws Exception {
        channelzServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ChannelzService.newInstance(100))
                .build()
                .start();
        lane = new StreamLane();
        client = ChannelzClient.open(
                ChannelzTarget.plaintext(new ChannelzAddress("127.0.0.1", channelzServer.getPort())), TIMEOUTS);
        traffic = Executors.newScheduledThreadPool(2);
        traffic.scheduleAtFixedRate(lane::unary, 0, 20, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        traffic.shutdownNow();
        traffic.awaitTermination(5, TimeUnit.SECONDS);
        client.close();
        lane.close();
        channelzServer.shutdownNow();
        channelzServer.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void leakNextToHealthyCallsNamesItsConnection() {
        traffic.scheduleAtFixedRate(lane::hold, 0, 50, TimeUnit.MILLISECONDS);
        ChannelzWalker walker = new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT);
        StreamGrowth growth = new StreamGrowth(WINDOW);
        AtomicReference<List<GrowingConnection>> found = new AtomicReference<>(List.of());

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    found.set(growth.update(walker.refresh()));
                    return found.get().stream()
                                    .map(GrowingConnection::side)
                                    .distinct()
                                    .count()
                            == 2;
                });

        String port = ":" + lane.port();
        assertThat(found.get()).hasSize(2).allSatisfy(connection -> {
            assertThat(connection.socket()).contains(port);
            // 20 leaked a second is 1,200 a minute; the scheduler on a loaded machine may fall behind
            assertThat(connection.perMinute()).isBetween(300.0, 1_500.0);
            assertThat(connection.openAtEnd()).isGreaterThan(connection.openAtStart());
            assertThat(connection.forSeconds()).isGreaterThanOrEqualTo((long) (WINDOW.toSeconds() * 0.8));
        });
    }

    @Test
    void steadyLongLivedStreamsAreNotFlagged() {
        traffic.scheduleAtFixedRate(
                () -> {
                    StreamObserver<StringValue> stream = lane.open();
                    traffic.schedule(stream::onCompleted, 2, TimeUnit.SECONDS);
                },
                0,
                50,
                TimeUnit.MILLISECONDS);
        ChannelzWalker walker = new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT);
        StreamGrowth growth = new StreamGrowth(WINDOW);
        AtomicReference<Long> mostOpen = new AtomicReference<>(0L);

        // two whole windows; a single flagged poll restarts the wait, which then overruns atMost
        await().during(Duration.ofSeconds(30))
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    ChannelzSnapshot snapshot = walker.refresh();
                    mostOpen.accumulateAndGet(snapshot.totals().serverOpenStreams(), Math::max);
                    return growth.update(snapshot).isEmpty();
                });

        // the streams were there: about 40 open on the server side of the connection
        assertThat(mostOpen.get()).isGreaterThanOrEqualTo(30);
    }
}
