package dev.streamscope.app.jmx.histogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies as JDK 17's GC.class_histogram writes them (module suffixes, shaded and hidden class names). */
class HistogramParserTest {

    private static final Instant NOW = HistogramReplies.TAKEN;
    private static final String REPLY = HistogramReplies.JDK_17;

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
