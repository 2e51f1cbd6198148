package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The clock thread lives from the first tracked stream until the bridge is closed; a closed bridge tracks nothing. */
class BridgeLifecycleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void clockThreadStartsWithTheFirstStreamAndEndsWithClose() {
        String threadName = "clock-of-" + getClass().getSimpleName();
        TickingClock clock = new TickingClock(threadName);
        OpenStreamRegistry registry = new OpenStreamRegistry(10, clock);

        assertThat(clock.ticking()).isFalse();
        assertThat(threadsNamed(threadName)).isEmpty();
        registry.open(new TrackedServerCall<>(new IdleServerCall(ProbeService.CHAT, 1), registry));
        assertThat(clock.ticking()).isTrue();
        await().atMost(PATIENCE).until(() -> threadsNamed(threadName).size() == 1);

        registry.close();

        assertThat(clock.ticking()).isFalse();
        await().atMost(PATIENCE).until(() -> threadsNamed(threadName).isEmpty());
    }

    @Test
    void clockRunsWhileAnyRegistryHoldsIt() {
        String threadName = "shared-clock-of-" + getClass().getSimpleName();
        TickingClock clock = new TickingClock(threadName);
        OpenStreamRegistry first = new OpenStreamRegistry(10, clock);
        OpenStreamRegistry second = new OpenStreamRegistry(10, clock);
        first.open(new TrackedServerCall<>(new IdleServerCall(ProbeService.CHAT, 1), first));
        second.open(new TrackedServerCall<>(new IdleServerCall(ProbeService.CHAT, 2), second));

        first.close();
        first.close();
        assertThat(clock.ticking()).isTrue();
        second.close();

        assertThat(clock.ticking()).isFalse();
        await().atMost(PATIENCE).until(() -> threadsNamed(threadName).isEmpty());
    }

    @Test
    void closedBridgeIsUnpublishedAndLetsCallsPassUntracked() throws Exception {
        StreamScopeBridge bridge = StreamScopeBridge.create("closing", 100);
        try (Transport.Endpoints endpoints =
                Transport.IN_PROCESS.start(List.of(bridge.trackingServerInterceptor()), List.of(), false)) {
            echo(endpoints);
            assertThat(bridge.streams().getStartedTotal()).isEqualTo(1);

            bridge.close();
            bridge.close();

            assertThat(ManagementFactory.getPlatformMBeanServer()
                            .isRegistered(bridge.objectName().orElseThrow()))
                    .isFalse();
            assertThat(echo(endpoints)).isEqualTo("after close");
            assertThat(bridge.streams().getStartedTotal()).isEqualTo(1);
            assertThat(bridge.streams().getDroppedTotal()).isZero();
        }
    }

    private static String echo(Transport.Endpoints endpoints) {
        return ClientCalls.blockingUnaryCall(
                endpoints.channel(),
                ProbeService.ECHO,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                "after close");
    }

    private static List<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name) && thread.isAlive())
                .toList();
    }
}
