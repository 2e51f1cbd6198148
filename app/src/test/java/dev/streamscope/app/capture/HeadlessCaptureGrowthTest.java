package dev.streamscope.app.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.chart.ChartStyle;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.session.TargetSpecs;
import dev.streamscope.app.streams.StreamLane;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ChannelzService;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A headless capture of a channelz-only grpc-java service (127.0.0.1, ChannelzService, no bridge, no JMX) whose one
 * connection carries 50 healthy unary calls a second next to either a leak (20 streams a second never closed) or steady
 * streams (20 a second, each closed after 2 s). A 10 s trend window keeps the captures at 25 s.
 */
class HeadlessCaptureGrowthTest {

    private static final Duration TREND_WINDOW = Duration.ofSeconds(10);
    private static final Duration DURATION = Duration.ofSeconds(25);

    @TempDir
    Path temporary;

    private Server channelzServer;
    private StreamLane lane;
    private ScheduledExecutorService traffic;

    @BeforeEach
    void start() throws Exception {
        channelzServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ChannelzService.newInstance(100))
                .build()
                .start();
        lane = new StreamLane();
        traffic = Executors.newScheduledThreadPool(2);
        traffic.scheduleAtFixedRate(lane::unary, 0, 20, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        traffic.shutdownNow();
        traffic.awaitTermination(5, TimeUnit.SECONDS);
        lane.close();
        channelzServer.shutdownNow();
        channelzServer.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aLeakNoAgeCanProveYetEndsAsGrowingStreamsAndNamesItsConnection() throws Exception {
        // the leak starts a few seconds in, so the chart's mark of where it began stands inside the plot
        traffic.scheduleAtFixedRate(lane::hold, 5_000, 50, TimeUnit.MILLISECONDS);
        Path out = temporary.resolve("leak");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        // a 60 s lifetime: no leaked stream can be proven overdue within 25 s, only the climb tells
        CaptureResult result = new HeadlessCapture(options(out, "60s"), new PrintStream(progress, true)).run();

        assertThat(result.verdict()).isEqualTo(Verdict.GROWING_STREAMS);
        assertThat(result.verdict().exitStatus()).isEqualTo(4);
        SummaryNode summary = CaptureFiles.summary(out);
        assertThat(summary.get("verdict").asText()).isEqualTo("growing-streams");
        SummaryNode growing = summary.get("streams").get("growing");
        assertThat(growing.size()).isBetween(1, 2); // the lane's client and server sockets
        String port = ":" + lane.port();
        double previousRate = Double.MAX_VALUE;
        for (SummaryNode connection : growing) {
            assertThat(connection.get("socket").asText()).contains(port);
            assertThat(connection.get("side").asText()).isIn("client", "server");
            assertThat(connection.get("openAtEnd").asLong())
                    .isGreaterThan(connection.get("openAtStart").asLong());
            // 20 leaked a second is 1,200 a minute; the scheduler on a loaded machine may fall behind
            assertThat(connection.get("perMinute").asDouble()).isBetween(300.0, 1_500.0);
            assertThat(connection.get("forSeconds").asLong()).isGreaterThanOrEqualTo(8);
            assertThat(connection.get("perMinute").asDouble())
                    .as("largest first")
                    .isLessThanOrEqualTo(previousRate);
            previousRate = connection.get("perMinute").asDouble();
        }
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("· growing +")
                .contains(port);
        CaptureFiles.assertChartsWritten(out, false, true, "grpc-open-streams");
        assertThat(CaptureFiles.pixelsNear(out.resolve("grpc-open-streams.png"), ChartStyle.WARNING, 40))
                .as("the open-streams chart marks the growing connection")
                .isGreaterThan(100);
    }

    @Test
    void steadyStreamsThatEndAreHealthy() throws Exception {
        traffic.scheduleAtFixedRate(
                () -> {
                    StreamObserver<StringValue> stream = lane.open();
                    traffic.schedule(stream::onCompleted, 2, TimeUnit.SECONDS);
                },
                0,
                50,
                TimeUnit.MILLISECONDS);
        Path out = temporary.resolve("steady");

        CaptureResult result =
                new HeadlessCapture(options(out, "10s"), new PrintStream(new ByteArrayOutputStream())).run();

        SummaryNode summary = CaptureFiles.summary(out);
        assertThat(summary.get("streams").get("growing").isEmpty()).isTrue();
        assertThat(summary.get("streams").get("source").asText()).isEqualTo("channelz");
        assertThat(summary.get("channelz").get("openStreams").get("server").asLong())
                .as("the steady streams were there while the capture ran")
                .isPositive();
        assertThat(result.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(result.verdict().exitStatus()).isZero();
        CaptureFiles.assertChartsWritten(out, false, true, "grpc-open-streams");
        assertThat(CaptureFiles.pixelsNear(out.resolve("grpc-open-streams.png"), ChartStyle.WARNING, 40))
                .as("nothing grows, so nothing is marked")
                .isZero();
    }

    private CaptureOptions options(Path out, String lifetime) throws Exception {
        return new CaptureOptions(
                TargetSpecs.parse(
                        "",
                        null,
                        null,
                        false,
                        "127.0.0.1:" + channelzServer.getPort(),
                        TargetSpecs.ChannelzOptions.PLAINTEXT),
                DURATION,
                Duration.ofMillis(500),
                Timeouts.DEFAULT,
                out,
                false,
                LifetimePolicy.parse(List.of(lifetime)),
                false,
                TREND_WINDOW);
    }
}
