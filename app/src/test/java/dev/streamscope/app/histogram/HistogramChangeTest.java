package dev.streamscope.app.histogram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What grew between two histograms of the same JVM, from replies as JDK 17's GC.class_histogram writes them. */
class HistogramChangeTest {

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
    void changeBetweenTwoHistogramsIsSortedByBytesGained() {
        HeapHistogram before = HistogramParser.parse(REPLY, HistogramMode.ALL, NOW, 100);
        HeapHistogram after = HistogramParser.parse(
                REPLY.replace(
                                "900          86400  io.grpc.internal.ServerCallImpl",
                                "1900         182400  io.grpc.internal.ServerCallImpl")
                        .replace("42134        1011216", "40134         963216"),
                HistogramMode.ALL,
                NOW.plusSeconds(5),
                100);

        List<HistogramChange> changes = HistogramChange.between(before, after, 20);

        assertThat(changes)
                .containsExactly(
                        new HistogramChange("io.grpc.internal.ServerCallImpl", 1000, 96000),
                        new HistogramChange("java.lang.String", -2000, -48000));
        assertThat(HistogramChange.between(before, after, 1)).hasSize(1);
    }
}
