package dev.streamscope.app.jmx.histogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies as JDK 17's GC.class_histogram writes them (module suffixes, shaded and hidden class names). */
class HistogramParserTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
    private static final String REPLY = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         61161        4118328  [B (java.base@17.0.15)
               2:          7960        3950632  [I (java.base@17.0.15)
               3:         42134        1011216  java.lang.String (java.base@17.0.15)
               4:           900          86400  io.grpc.internal.ServerCallImpl
               5:           900          72000  io.grpc.netty.shaded.io.grpc.netty.NettyServerStream
               6:           900          64800  io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Connection$DefaultStream
               7:            50           1600  com.example.Foo$$Lambda$77/0x00007fc8cc0e7d80
               8:            12            288  io.grpc.internal.ClientCallImpl
            Total        114017        9305264
            """;

    @Test
    void readsRowsLargestFirstWithoutModulesAndTheTotals() {
        HeapHistogram histogram = HistogramParser.parse(REPLY, HistogramMode.ALL, NOW, 100);

        assertThat(histogram.rows()).hasSize(8);
        assertThat(histogram.rows().get(0)).isEqualTo(new HistogramRow("[B", 61161, 4118328));
        assertThat(histogram.rows().get(2).className()).isEqualTo("java.lang.String");
        assertThat(histogram.totalInstances()).isEqualTo(114017);
        assertThat(histogram.totalBytes()).isEqualTo(9305264);
        assertThat(histogram.classes()).isEqualTo(8);
        assertThat(histogram.truncated()).isFalse();
        assertThat(histogram.mode()).isEqualTo(HistogramMode.ALL);
    }

    @Test
    void keepsOnlyTheLargestRowsButEveryStreamClassAndTheFullTotals() {
        HeapHistogram histogram = HistogramParser.parse(REPLY, HistogramMode.LIVE, NOW, 2);

        assertThat(histogram.rows()).extracting(HistogramRow::className).containsExactly("[B", "[I");
        assertThat(histogram.truncated()).isTrue();
        assertThat(histogram.streamRows())
                .extracting(HistogramRow::className)
                .containsExactly(
                        "io.grpc.internal.ServerCallImpl",
                        "io.grpc.netty.shaded.io.grpc.netty.NettyServerStream",
                        "io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Connection$DefaultStream",
                        "io.grpc.internal.ClientCallImpl");
        assertThat(histogram.grpcCalls()).isEqualTo(912);
        assertThat(histogram.totalBytes()).isEqualTo(9305264);
    }

    @Test
    void sumsTheRowsWhenTheTotalLineIsMissing() {
        String cut = REPLY.substring(0, REPLY.indexOf("Total"));
        HeapHistogram histogram = HistogramParser.parse(cut, HistogramMode.ALL, NOW, 100);

        assertThat(histogram.totalInstances()).isEqualTo(114017);
        assertThat(histogram.totalBytes()).isEqualTo(9305264);
    }

    @Test
    void windowsLineEndsAndAReplyWithoutRowsAreHandled() {
        assertThat(HistogramParser.parse(REPLY.replace("\n", "\r\n"), HistogramMode.ALL, NOW, 100)
                        .rows())
                .hasSize(8);
        assertThatThrownBy(() -> HistogramParser.parse("Unknown diagnostic command\n", HistogramMode.ALL, NOW, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown diagnostic command");
    }

    @Test
    void recognisesGrpcAndNettyStreamClassesShadedOrNot() {
        assertThat(List.of(
                        "io.grpc.internal.ServerCallImpl",
                        "io.grpc.internal.ClientCallImpl",
                        "io.grpc.netty.NettyClientStream$TransportState",
                        "io.grpc.netty.shaded.io.grpc.netty.NettyServerStream",
                        "io.netty.handler.codec.http2.DefaultHttp2Connection$DefaultStream",
                        "io.grpc.internal.ServerImpl$JumpToApplicationThreadServerStreamListener"))
                .allMatch(GrpcStreamClasses::matches);
        assertThat(List.of(
                        "java.lang.String",
                        "io.grpc.netty.NettyServer",
                        "io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler$RstStreamCounter",
                        "io.grpc.internal.ServerImpl",
                        "[B"))
                .noneMatch(GrpcStreamClasses::matches);
    }
}
