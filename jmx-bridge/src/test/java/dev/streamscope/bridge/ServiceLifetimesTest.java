package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Lifetimes given to the bridge inside the service: OverdueStreams and Lifetimes as plain attributes. */
class ServiceLifetimesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final MBeanServer PLATFORM = ManagementFactory.getPlatformMBeanServer();

    @Test
    void overdueStreamsCountsOpenStreamsPastTheirMethodsLifetime() throws Exception {
        try (StreamScopeBridge bridge = StreamScopeBridge.create("service-lifetimes", 100)
                        .useLifetimes(StreamLifetimes.parse("1h,/streamscope.probe.Probe/Hang=50ms"));
                Transport.Endpoints endpoints =
                        Transport.IN_PROCESS.start(List.of(bridge.trackingServerInterceptor()), List.of(), false)) {
            ObjectName name = bridge.objectName().orElseThrow();
            ClientCall<String, String> hangs = open(endpoints, ProbeService.HANG);
            ClientCall<String, String> alsoHangs = open(endpoints, ProbeService.HANG);
            ClientCall<String, String> chat = open(endpoints, ProbeService.CHAT);

            await().atMost(PATIENCE)
                    .until(() -> PLATFORM.getAttribute(name, "OverdueStreams"), overdue -> overdue.equals(2L));
            assertThat(PLATFORM.getAttribute(name, "OpenStreams")).isEqualTo(3);
            assertThat(PLATFORM.getAttribute(name, "Lifetimes")).isEqualTo("1h, /streamscope.probe.Probe/Hang=50ms");

            hangs.cancel("done", null);
            await().atMost(PATIENCE)
                    .until(() -> PLATFORM.getAttribute(name, "OverdueStreams"), overdue -> overdue.equals(1L));
            alsoHangs.cancel("done", null);
            chat.cancel("done", null);
            await().atMost(PATIENCE).until(() -> PLATFORM.getAttribute(name, "OpenStreams"), open -> open.equals(0));
            assertThat(PLATFORM.getAttribute(name, "OverdueStreams")).isEqualTo(0L);
        }
    }

    @Test
    void withoutLifetimesOverdueReadsMinusOneAndLifetimesEmpty() throws Exception {
        try (StreamScopeBridge bridge = StreamScopeBridge.create("no-lifetimes", 100)) {
            ObjectName name = bridge.objectName().orElseThrow();

            assertThat(bridge.lifetimes()).isEmpty();
            assertThat(PLATFORM.getAttribute(name, "OverdueStreams")).isEqualTo(-1L);
            assertThat(PLATFORM.getAttribute(name, "Lifetimes")).isEqualTo("");
        }
    }

    @Test
    void aStreamIsOverdueFromTheMomentItsAgeReachesItsLifetime() {
        AtomicLong now = new AtomicLong(1_000_000);
        OpenStreamRegistry registry = new OpenStreamRegistry(10, now::get);
        registry.useLifetimes(StreamLifetimes.parse("10s,/streamscope.probe.Probe/Chat=2s"));
        registry.open(new TrackedServerCall<>(new IdleServerCall(ProbeService.ECHO, 1), registry));
        registry.open(new TrackedServerCall<>(new IdleServerCall(ProbeService.CHAT, 2), registry));

        now.addAndGet(1_999);
        assertThat(registry.getOverdueStreams()).isZero();
        now.addAndGet(1);
        assertThat(registry.getOverdueStreams()).isEqualTo(1);
        now.addAndGet(8_000);
        assertThat(registry.getOverdueStreams()).isEqualTo(2);
    }

    @Test
    void endedLifetimesAddUpInMilliseconds() {
        AtomicLong now = new AtomicLong(1_000_000);
        OpenStreamRegistry registry = new OpenStreamRegistry(10, now::get);
        TrackedStream short1 = new TrackedServerCall<>(new IdleServerCall(ProbeService.ECHO, 1), registry);
        TrackedStream long1 = new TrackedServerCall<>(new IdleServerCall(ProbeService.CHAT, 2), registry);
        registry.open(short1);
        registry.open(long1);

        now.addAndGet(250);
        registry.end(short1);
        now.addAndGet(1_000);
        registry.end(long1);

        assertThat(registry.getEndedLifetimeMillisSum()).isEqualTo(250 + 1_250);
        assertThat(registry.getEndedTotal()).isEqualTo(2);
    }

    private static ClientCall<String, String> open(
            Transport.Endpoints endpoints, MethodDescriptor<String, String> method) {
        ClientCall<String, String> call =
                endpoints.channel().newCall(method, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
        call.start(new ClientCall.Listener<>() {}, new Metadata());
        call.request(Integer.MAX_VALUE);
        call.sendMessage("hello");
        if (method.getType() == MethodDescriptor.MethodType.UNARY) {
            call.halfClose();
        }
        return call;
    }
}
