package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's acceptance test: a real grpc-java service over Netty on 127.0.0.1 with the bridge on both ends at its
 * defaults (no sampling settings of the test's own). One line leaks about 20 streams a second, another opens about 20 a
 * second and cancels each after 2 s, next to about 50 unary calls a second. The issue runs 60 s with a 20 s lifetime;
 * this runs 30 s with a 10 s lifetime, the same logic in half the time: the leak's overdue streams are those of its
 * first 20 s, the healthy line's streams never live past 2 s. Arrivals are random (exponential gaps), as calls from
 * separate lines are, rather than in lockstep with each other.
 *
 * <p>Then the leaking line is the first site, its estimated overdue streams within 25 % of the true count (the test
 * knows when it opened each leaked stream), and the healthy line has none overdue.
 */
class LeakAmongTrafficTest {
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final long LIFETIME_MILLIS = 10_000;
    private static final String HERE = LeakAmongTrafficTest.class.getName();

    private final Random random = new Random(21);
    private final Queue<Long> leakedAt = new ConcurrentLinkedQueue<>();
    private final Queue<ClientCall<String, String>> leaked = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();

    @Test
    void theLeakingLineIsFirstWithItsOverdueStreamsEstimatedAndTheHealthyLineHasNone() throws Exception {
        try (StreamScopeBridge bridge = StreamScopeBridge.create("leak-among-traffic", 100_000);
                Transport.Endpoints endpoints = Transport.NETTY.start(
                        List.of(bridge.trackingServerInterceptor()),
                        List.of(bridge.trackingClientInterceptor()),
                        false)) {
            Channel channel = endpoints.channel();
            long start = System.currentTimeMillis();
            repeat(20, () -> leak(channel));
            repeat(20, () -> {
                ClientCall<String, String> call = chatForAWhile(channel);
                traffic.schedule(() -> call.cancel("done", null), 2, TimeUnit.SECONDS);
            });
            repeat(
                    50,
                    () -> ClientCalls.futureUnaryCall(channel.newCall(ProbeService.ECHO, CallOptions.DEFAULT), "ping"));
            await().atMost(RUN.plusSeconds(15))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> System.currentTimeMillis() - start >= RUN.toMillis());
            traffic.shutdownNow();
            traffic.awaitTermination(5, TimeUnit.SECONDS);

            StreamSites sites = bridge.streams().sites(LIFETIME_MILLIS, null, null, 20);

            long trueOverdue = leakedAt.stream()
                    .filter(at -> sites.getReadAtEpochMillis() - at >= LIFETIME_MILLIS)
                    .count();
            SiteRow first = sites.getSites().get(0);
            assertThat(first.getKind()).isEqualTo(SiteKind.CLIENT_CALL);
            assertThat(first.getSite()).startsWith(HERE + ".leak(LeakAmongTrafficTest.java:");
            assertThat(first.getOverdueEstimate())
                    .as("estimated overdue against %d true, %s", trueOverdue, first)
                    .isBetween(Math.round(trueOverdue * 0.75), Math.round(trueOverdue * 1.25));
            assertThat(first.getSampledOverdue()).isPositive().isLessThanOrEqualTo(first.getOverdueEstimate());
            assertThat(sites.getSites())
                    .filteredOn(row -> row.getSite() != null && row.getSite().startsWith(HERE + ".chatForAWhile("))
                    .isNotEmpty()
                    .allSatisfy(row -> {
                        assertThat(row.getOverdueEstimate()).isZero();
                        assertThat(row.getOverdueStreams()).isZero();
                    });
            leaked.forEach(call -> call.cancel("test over", null));
        } finally {
            traffic.shutdownNow();
        }
    }

    /** Runs {@code task} about {@code perSecond} times a second, at random (exponential) gaps. */
    private void repeat(double perSecond, Runnable task) {
        long gapMicros = (long) (-Math.log(1 - random.nextDouble()) * 1_000_000 / perSecond);
        traffic.schedule(
                () -> {
                    task.run();
                    repeat(perSecond, task);
                },
                gapMicros,
                TimeUnit.MICROSECONDS);
    }

    /** The leak: a bidi stream opened and dropped, never half-closed or cancelled. */
    private void leak(Channel channel) {
        ClientCall<String, String> call = channel.newCall(ProbeService.CHAT, CallOptions.DEFAULT);
        leakedAt.add(System.currentTimeMillis());
        ClientCalls.asyncBidiStreamingCall(call, new Ignoring()).onNext("hello");
        leaked.add(call);
    }

    /** A legitimate stream, which its caller cancels when done. */
    private static ClientCall<String, String> chatForAWhile(Channel channel) {
        ClientCall<String, String> call = channel.newCall(ProbeService.CHAT, CallOptions.DEFAULT);
        ClientCalls.asyncBidiStreamingCall(call, new Ignoring()).onNext("hello");
        return call;
    }

    private static final class Ignoring implements StreamObserver<String> {
        @Override
        public void onNext(String value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
