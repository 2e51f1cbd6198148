package dev.streamscope.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The names {@link FleetSource#OPENTELEMETRY} reads, checked against the real thing: grpc-java's
 * {@code grpc-opentelemetry} (gRFC A66) on a real server and client, exported by the OpenTelemetry Prometheus exporter,
 * scraped over HTTP while a Watch stream stays open. The call in flight has started and has no duration yet.
 */
class OpenTelemetryNamesTest {

    @Test
    void anOpenCallIsStartedWithoutADurationByFullMethodName() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PrometheusHttpServer exporter = PrometheusHttpServer.builder()
                .setHost("127.0.0.1")
                .setPort(port)
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(exporter)
                        .build())
                .build();
        GrpcOpenTelemetry metrics = GrpcOpenTelemetry.newBuilder().sdk(sdk).build();
        HealthStatusManager health = new HealthStatusManager();
        NettyServerBuilder serverBuilder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(health.getHealthService());
        metrics.configureServerBuilder(serverBuilder);
        Server server = serverBuilder.build().start();
        NettyChannelBuilder channelBuilder =
                NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext();
        metrics.configureChannelBuilder(channelBuilder);
        ManagedChannel channel = channelBuilder.build();
        HttpClient http = HttpClient.newHttpClient();
        try {
            HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
                @Override
                public void onNext(HealthCheckResponse value) {}

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
            });

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String scrape = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                for (String side : FleetSource.SIDES) {
                    assertThat(scrape)
                            .containsPattern("(?m)^" + FleetSource.OPENTELEMETRY.started(side)
                                    + "\\{[^}]*grpc_method=\"grpc.health.v1.Health/Watch\"[^}]*} 1");
                    assertThat(scrape).doesNotContain(FleetSource.OPENTELEMETRY.finished(side));
                }
            });
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            sdk.close();
        }
    }
}
