package dev.streamscope.app.histogram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramParser;
import dev.streamscope.app.jmx.histogram.HistogramReplies;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What grew between two histograms of the same JVM, from replies as JDK 17's GC.class_histogram writes them. */
class HistogramChangeTest {

    private static final Instant NOW = HistogramReplies.TAKEN;
    private static final String REPLY = HistogramReplies.JDK_17;

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
