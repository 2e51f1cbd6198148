package dev.streamscope.app.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * summary.json's histogram section from two histograms, or one, or none; the histograms are built here as the parser
 * builds them from a target's reply (HeadlessCaptureHistogramTest takes real ones).
 */
class SummaryHistogramTest {

    private static final String SERVER_CALL = "io.grpc.internal.ServerCallImpl";
    private static final String CLIENT_CALL = "io.grpc.internal.ClientCallImpl";

    private final HeapHistogram start = histogram(
            List.of(new HistogramRow("[B", 1_000, 64_000), new HistogramRow(SERVER_CALL, 10, 640)),
            List.of(new HistogramRow(SERVER_CALL, 10, 640), new HistogramRow(CLIENT_CALL, 4, 256)));
    private final HeapHistogram end = histogram(
            List.of(new HistogramRow("[B", 1_500, 96_000), new HistogramRow(SERVER_CALL, 110, 7_040)),
            List.of(new HistogramRow(SERVER_CALL, 110, 7_040)));

    @Test
    void twoHistogramsGiveStreamClassesByGainAndTheClassesThatGainedMostBytes() {
        Summary.Histogram histogram =
                Summary.Histogram.of(new HistogramPair(HistogramMode.ALL, start, null, end, null));

        assertThat(histogram.mode()).isEqualTo("all");
        assertThat(histogram.streamClasses())
                .containsExactly(
                        new Summary.StreamClass(SERVER_CALL, 10L, 110L),
                        // gone by the end: it counts 0 there, not null
                        new Summary.StreamClass(CLIENT_CALL, 4L, 0L));
        assertThat(histogram.topGrowth())
                .containsExactly(
                        new Summary.ClassGrowth("[B", 500, 32_000),
                        new Summary.ClassGrowth(SERVER_CALL, 100, 6_400),
                        new Summary.ClassGrowth(CLIENT_CALL, -4, -256));
    }

    @Test
    void aMissingHistogramLeavesItsSideNullAndNoGrowthAndTheErrorsSayWhy() {
        HistogramPair pair = new HistogramPair(HistogramMode.LIVE, start, null, null, "No class histogram within 1 s");

        Summary summary = summarize(pair);

        assertThat(summary.histogram().streamClasses())
                .containsExactly(
                        new Summary.StreamClass(SERVER_CALL, 10L, null),
                        new Summary.StreamClass(CLIENT_CALL, 4L, null));
        assertThat(summary.histogram().topGrowth()).isNull();
        assertThat(summary.errors())
                .contains(
                        "histogram.end: No class histogram within 1 s",
                        "histogram.topGrowth: needs the histograms at the start and at the end");
    }

    @Test
    void noHistogramAtAllIsNullWithBothReasons() {
        HistogramPair pair = new HistogramPair(HistogramMode.ALL, null, "refused", null, "not connected");

        Summary summary = summarize(pair);

        assertThat(summary.histogram()).isNull();
        assertThat(summary.errors()).contains("histogram.start: refused", "histogram.end: not connected");
        assertThat(summarize(null).histogram()).as("none asked for").isNull();
        assertThat(summarize(null).errors()).noneMatch(error -> error.startsWith("histogram"));
    }

    private static Summary summarize(HistogramPair pair) {
        Recorder recorder = new Recorder("t", true, false);
        Instant now = Instant.now();
        return Summaries.summarize(
                recorder,
                "127.0.0.1:9010",
                null,
                now,
                now,
                Duration.ofSeconds(1),
                StreamsReports.of(recorder.streams()),
                List.of(),
                pair);
    }

    private static HeapHistogram histogram(List<HistogramRow> rows, List<HistogramRow> streamRows) {
        long instances = rows.stream().mapToLong(HistogramRow::instances).sum();
        long bytes = rows.stream().mapToLong(HistogramRow::bytes).sum();
        return new HeapHistogram(Instant.now(), HistogramMode.ALL, rows, streamRows, rows.size(), instances, bytes);
    }
}
