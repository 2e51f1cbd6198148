package dev.streamscope.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.opentelemetry.GrpcOpenTelemetry;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * grpc-java services with the standard metrics instead of the bridge, scraped every second by a real Prometheus: one
 * with {@code grpc-opentelemetry} and the OpenTelemetry Prometheus exporter leaking Watch streams, one alike making
 * unary calls only, one with Micrometer's gRPC observation and its Prometheus registry leaking Watch streams. The
 * services run in the test's JVM (each its own server, channel, meters and /metrics port).
 */
class FleetOfJavaStandardServicesTest {

    private static final Duration TREND_WINDOW = Duration.ofSeconds(20);
    private static final String WATCH = "grpc.health.v1.Health/Watch";

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static final List<AutoCloseable> CLOSING = new ArrayList<>();
    private static final ScheduledExecutorService CALLS = Executors.newScheduledThreadPool(2);
    private static String openTelemetryLeak;
    private static String openTelemetryUnary;
    private static String micrometerLeak;

    @BeforeAll
    static void startServices() throws Exception {
        openTelemetryLeak = openTelemetry(true);
        openTelemetryUnary = openTelemetry(false);
        micrometerLeak = micrometer();
        List<PrometheusServer.Target> targets = new ArrayList<>();
        for (String address : List.of(openTelemetryLeak, openTelemetryUnary, micrometerLeak)) {
            targets.add(new PrometheusServer.Target(address, Map.of("job", "java-api")));
        }
        PROMETHEUS.scrape(targets);
    }

    @AfterAll
    static void stopServices() throws Exception {
        CALLS.shutdownNow();
        for (AutoCloseable closing : CLOSING) {
            closing.close();
        }
    }

    @Test
    void leakingServicesGrowByTheirFamilyAndUnaryTrafficDoesNot() throws Exception {
        FleetEvaluator evaluator = new FleetEvaluator(
                new PrometheusClient(
                        new PrometheusEndpoint(PROMETHEUS.url(), "", "", "", ""),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10)),
                FleetMetrics.DEFAULTS,
                TREND_WINDOW,
                Clock.systemUTC());
        FleetSnapshot fleet = await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptionsMatching(e ->
                        e instanceof PrometheusProblem problem && problem.kind() == PrometheusProblem.Kind.NO_INSTANCES)
                .until(
                        evaluator::evaluate,
                        snapshot -> grows(snapshot, openTelemetryLeak) && grows(snapshot, micrometerLeak));

        FleetRow otel = row(fleet, openTelemetryLeak);
        assertThat(otel.source()).isEqualTo(FleetSource.OPENTELEMETRY.id());
        assertThat(otel.method()).isEqualTo(WATCH);
        assertThat(otel.perMinute()).isGreaterThan(300);
        FleetRow micrometer = row(fleet, micrometerLeak);
        assertThat(micrometer.source()).isEqualTo(FleetSource.MICROMETER_OBSERVATION.id());
        assertThat(micrometer.method()).isEqualTo(WATCH);
        assertThat(micrometer.oldestAgeSeconds())
                .as("the long-task timer knows the oldest call's age")
                .isPositive();
        assertThat(micrometer.overdue()).as("but not a lifetime: never overdue").isNaN();
        FleetRow unary = row(fleet, openTelemetryUnary);
        assertThat(unary).isNotNull();
        assertThat(unary.grows()).as("unary calls only: %s", unary.methods()).isFalse();
        assertThat(fleet.rows().get(fleet.rows().size() - 1).instance()).isEqualTo(openTelemetryUnary);
    }

    private static boolean grows(FleetSnapshot fleet, String instance) {
        FleetRow row = row(fleet, instance);
        return row != null && row.grows();
    }

    private static FleetRow row(FleetSnapshot fleet, String instance) {
        return fleet.rows().stream()
                .filter(row -> row.instance().equals(instance))
                .findFirst()
                .orElse(null);
    }

    private static String openTelemetry(boolean leak) throws Exception {
        int port = freePort();
        PrometheusHttpServer exporter = PrometheusHttpServer.builder()
                .setHost("127.0.0.1")
                .setPort(port)
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(exporter)
                        .build())
                .build();
        CLOSING.add(sdk);
        GrpcOpenTelemetry metrics = GrpcOpenTelemetry.newBuilder().sdk(sdk).build();
        NettyServerBuilder server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new HealthStatusManager().getHealthService());
        metrics.configureServerBuilder(server);
        Server started = server.build().start();
        NettyChannelBuilder channel =
                NettyChannelBuilder.forAddress("127.0.0.1", started.getPort()).usePlaintext();
        metrics.configureChannelBuilder(channel);
        call(started, channel.build(), leak);
        return "127.0.0.1:" + port;
    }

    private static String micrometer() throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new HealthStatusManager().getHealthService())
                .intercept(new ObservationGrpcServerInterceptor(observations))
                .build()
                .start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .intercept(new ObservationGrpcClientInterceptor(observations))
                .build();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/metrics", exchange -> {
            byte[] body = meters.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        CLOSING.add(() -> http.stop(0));
        call(server, channel, true);
        return "127.0.0.1:" + http.getAddress().getPort();
    }

    /** Ten calls a second: Watch streams never closed, or unary Checks. */
    private static void call(Server server, ManagedChannel channel, boolean leak) {
        CLOSING.add(() -> {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        });
        HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
        CALLS.scheduleAtFixedRate(
                () -> {
                    if (leak) {
                        stub.watch(HealthCheckRequest.getDefaultInstance(), new Ignoring());
                    } else {
                        stub.check(HealthCheckRequest.getDefaultInstance(), new Ignoring());
                    }
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static final class Ignoring implements StreamObserver<HealthCheckResponse> {
        @Override
        public void onNext(HealthCheckResponse value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
