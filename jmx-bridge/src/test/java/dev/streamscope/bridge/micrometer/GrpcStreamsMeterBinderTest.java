package dev.streamscope.bridge.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.streamscope.bridge.ManualBridge;
import dev.streamscope.bridge.ProbeService;
import dev.streamscope.bridge.StreamLifetimes;
import dev.streamscope.bridge.StreamScopeBridge;
import dev.streamscope.bridge.Transport;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.stub.ClientCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Micrometer meters, read from a real SimpleMeterRegistry and from a real Prometheus registry's scrape. */
class GrpcStreamsMeterBinderTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String CHAT = "streamscope.probe.Probe/Chat";
    private static final String ECHO = "streamscope.probe.Probe/Echo";

    @Test
    void realCallsShowAsMetersTaggedByMethodAndSide() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (StreamScopeBridge bridge =
                        StreamScopeBridge.create("micrometer-real", 100).useLifetimes(StreamLifetimes.parse("1h"));
                GrpcStreamsMeterBinder binder = new GrpcStreamsMeterBinder(bridge);
                Transport.Endpoints endpoints = Transport.IN_PROCESS.start(
                        List.of(bridge.trackingServerInterceptor()),
                        List.of(bridge.trackingClientInterceptor()),
                        false)) {
            binder.bindTo(meters);
            CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
            ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.ECHO, options, "hello");
            ClientCall<String, String> chat = endpoints.channel().newCall(ProbeService.CHAT, options);
            chat.start(new ClientCall.Listener<>() {}, new Metadata());
            chat.sendMessage("hello");

            await().atMost(PATIENCE).until(() -> gauge(meters, "grpc.streams.open", CHAT, "server") == 1.0);
            assertThat(gauge(meters, "grpc.streams.open", CHAT, "client")).isEqualTo(1.0);
            assertThat(gauge(meters, "grpc.streams.overdue", CHAT, "server")).isZero();
            assertThat(meters.get("grpc.streams.started")
                            .tags("method", ECHO, "side", "server")
                            .functionCounter()
                            .count())
                    .isEqualTo(1.0);
            await().atMost(PATIENCE)
                    .until(() -> meters.get("grpc.streams.ended")
                                    .tags("method", ECHO, "side", "server")
                                    .functionCounter()
                                    .count()
                            == 1.0);
            assertThat(meters.get("grpc.streams.lifetime")
                            .tags("method", ECHO, "side", "client")
                            .summary()
                            .count())
                    .isEqualTo(1);
            assertThat(gauge(meters, "grpc.streams.open", ECHO, "server")).isZero();
            chat.cancel("done", null);
        }
        assertThat(meters.find("grpc.streams.open").meters())
                .as("close removes the meters")
                .isEmpty();
    }

    @Test
    void gaugesReadTheOpenStreamsOfEachMethod() {
        ManualBridge manual = new ManualBridge();
        manual.bridge().useLifetimes(StreamLifetimes.parse("10s,/" + CHAT + "=2s"));
        Runnable oldChat = manual.open(ProbeService.CHAT);
        manual.advanceMillis(1_000);
        manual.open(ProbeService.CHAT);
        manual.open(ProbeService.ECHO);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (GrpcStreamsMeterBinder binder = new GrpcStreamsMeterBinder(manual.bridge(), 10, 0)) {
            binder.bindTo(meters);
            manual.advanceMillis(1_500);

            assertThat(gauge(meters, "grpc.streams.open", CHAT, "server")).isEqualTo(2.0);
            assertThat(gauge(meters, "grpc.streams.overdue", CHAT, "server")).isEqualTo(1.0);
            assertThat(gauge(meters, "grpc.streams.oldest.age", CHAT, "server")).isEqualTo(2.5);
            assertThat(gauge(meters, "grpc.streams.overdue", ECHO, "server")).isZero();

            oldChat.run();
            assertThat(gauge(meters, "grpc.streams.oldest.age", CHAT, "server")).isEqualTo(1.5);
            assertThat(meters.get("grpc.streams.lifetime")
                            .tags("method", CHAT, "side", "server")
                            .summary()
                            .totalAmount())
                    .isEqualTo(2.5);
            manual.bridge().useLifetimes(null);
            assertThat(gauge(meters, "grpc.streams.overdue", CHAT, "server")).isNaN();
        }
    }

    @Test
    void methodsPastTheCapShareTheOtherTag() {
        ManualBridge manual = new ManualBridge();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (GrpcStreamsMeterBinder binder = new GrpcStreamsMeterBinder(manual.bridge(), 1, 0)) {
            binder.bindTo(meters);
            manual.open(ProbeService.CHAT);
            manual.open(ProbeService.ECHO);
            manual.open(ProbeService.TICKS);

            assertThat(gauge(meters, "grpc.streams.open", CHAT, "server")).isEqualTo(1.0);
            assertThat(gauge(meters, "grpc.streams.open", GrpcStreamsMeterBinder.OTHER_METHOD, "server"))
                    .isEqualTo(2.0);
            assertThat(meters.find("grpc.streams.open").gauges()).hasSize(2);
        }
    }

    @Test
    void oneBinderPerBridge() {
        StreamScopeBridge bridge = new ManualBridge().bridge();
        try (GrpcStreamsMeterBinder first = new GrpcStreamsMeterBinder(bridge, 10, 0)) {
            assertThatThrownBy(() -> new GrpcStreamsMeterBinder(bridge, 10, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("bind that one");
        }
    }

    @Test
    void aClosedBinderMakesRoomForAnother() {
        StreamScopeBridge bridge = new ManualBridge().bridge();
        new GrpcStreamsMeterBinder(bridge, 10, 0).close();
        try (GrpcStreamsMeterBinder second = new GrpcStreamsMeterBinder(bridge, 10, 0)) {
            assertThat(second).isNotNull();
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOldNameForwardsToThisBinder() {
        ManualBridge manual = new ManualBridge();
        manual.open(ProbeService.ECHO);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (dev.streamscope.bridge.GrpcStreamsMeterBinder old =
                new dev.streamscope.bridge.GrpcStreamsMeterBinder(manual.bridge())) {
            old.bindTo(meters);
            assertThat(gauge(meters, "grpc.streams.open", ECHO, "server")).isEqualTo(1.0);
        }
        assertThat(meters.find("grpc.streams.open").meters()).isEmpty();
    }

    @Test
    void prometheusScrapeHasTheFleetNames() {
        ManualBridge manual = new ManualBridge();
        manual.bridge().useLifetimes(StreamLifetimes.parse("1s"));
        Runnable ended = manual.open(ProbeService.ECHO);
        manual.open(ProbeService.CHAT);
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (GrpcStreamsMeterBinder binder = new GrpcStreamsMeterBinder(manual.bridge(), 10, 0)) {
            binder.bindTo(prometheus);
            manual.advanceMillis(3_000);
            ended.run();

            String scrape = prometheus.scrape();

            assertThat(scrape)
                    .contains("grpc_streams_open{method=\"" + CHAT + "\",side=\"server\"} 1")
                    .contains("grpc_streams_overdue{method=\"" + CHAT + "\",side=\"server\"} 1")
                    .contains("grpc_streams_oldest_age_seconds{method=\"" + CHAT + "\",side=\"server\"} 3")
                    .contains("grpc_streams_ended_total{method=\"" + ECHO + "\",side=\"server\"} 1")
                    .contains("grpc_streams_lifetime_seconds_count{method=\"" + ECHO + "\",side=\"server\"} 1")
                    .contains("grpc_streams_lifetime_seconds_sum{method=\"" + ECHO + "\",side=\"server\"} 3");
        }
    }

    private static double gauge(MeterRegistry meters, String name, String method, String side) {
        return meters.get(name).tags("method", method, "side", side).gauge().value();
    }
}
