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
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The names {@link FleetSource#MICROMETER_OBSERVATION} reads, checked against a real registry: Micrometer's gRPC
 * observation interceptors on a real server and client, its default meter handler, and its Prometheus registry's
 * scrape while a Watch stream stays open.
 */
class MicrometerObservationNamesTest {

    @Test
    void anOpenCallIsALongTaskTimersActiveCountAndMaxByServiceAndMethod() throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        HealthStatusManager health = new HealthStatusManager();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(health.getHealthService())
                .intercept(new ObservationGrpcServerInterceptor(observations))
                .build()
                .start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .intercept(new ObservationGrpcClientInterceptor(observations))
                .build();
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
                String scrape = meters.scrape();
                for (String side : FleetSource.SIDES) {
                    assertThat(scrape)
                            .containsPattern("(?m)^grpc_" + side + "_active_seconds_count"
                                    + "\\{[^}]*rpc_method=\"Watch\"[^}]*rpc_service=\"grpc.health.v1.Health\"[^}]*} 1")
                            .containsPattern("(?m)^" + FleetSource.MICROMETER_OBSERVATION.oldest(side) + "\\{");
                    assertThat("grpc_" + side + "_active_seconds_count")
                            .matches(FleetSource.MICROMETER_OBSERVATION.activeName(side));
                }
            });
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
