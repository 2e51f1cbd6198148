package dev.streamscope.app.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.streamscope.app.capture.CompareCommand;
import dev.streamscope.app.recording.Recorder;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TestSamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's before/after table: heap 1.8 GB → 420 MB, open streams 12,000 → 100, from two recording folders. */
class RecordingComparisonTest {

    @TempDir
    Path temporary;

    @Test
    void theFixShowsAsFallingHeapAndStreamsAndWhatARecordingLacksSaysSo() throws Exception {
        SavedRecording before = RecordingReader.read(folder("before", 1_800, 12_000, 0, 37));
        SavedRecording after = RecordingReader.read(folder("after", 420, 100, 0, 0));

        Map<String, RecordingComparison.Row> rows = RecordingComparison.compare(before, after).stream()
                .collect(Collectors.toMap(RecordingComparison.Row::name, Function.identity()));

        RecordingComparison.Row heap = rows.get("heap used, max");
        assertThat(heap.beforeText()).isEqualTo("1,800 MiB");
        assertThat(heap.afterText()).isEqualTo("420 MiB");
        assertThat(heap.changePercent()).isCloseTo(-76.7, offset(0.1));
        RecordingComparison.Row open = rows.get("open streams, last");
        assertThat(open.beforeText()).isEqualTo("12,000");
        assertThat(open.afterText()).isEqualTo("100");
        assertThat(open.changeText()).isEqualTo("-99.2 %");
        RecordingComparison.Row overdue = rows.get("overdue streams, last");
        assertThat(overdue.beforeText()).as("channelz bounds stay a range").isEqualTo("0 to 37");
        assertThat(overdue.changePercent()).as("no percentage of a range").isNull();
        RecordingComparison.Row calls = rows.get("calls per second, mean");
        assertThat(calls.before().present()).isFalse();
        assertThat(calls.before().missing()).contains("no grpc.calls-started.per-second series");
        assertThat(calls.beforeText()).isEqualTo("n/a");
        assertThat(rows)
                .containsKeys(
                        "heap used, p50",
                        "old generation after GC, first",
                        "old generation after GC, last",
                        "GC pause, p99",
                        "GC pause time, total",
                        "threads, max",
                        "process CPU, mean",
                        "open streams, max");
    }

    @Test
    void theCommandPrintsTheTableAndWritesMarkdownAndJson() throws Exception {
        Path before = folder("before", 1_800, 12_000, 0, 37);
        Path after = folder("after", 420, 100, 0, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = CompareCommand.run(
                before,
                after,
                temporary.resolve("compare").toString(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("heap used, max")
                .contains("1,800 MiB")
                .contains("-76.7 %");
        assertThat(Files.readString(temporary.resolve("compare/compare.md")))
                .contains("| open streams, last | 12,000 | 100 | -99.2 % |");
        assertThat(Files.readString(temporary.resolve("compare/compare.json")))
                .contains("\"name\": \"heap used, max\"")
                .contains("\"missing\": \"the recording has no grpc.calls-started.per-second series\"");
    }

    @Test
    void aFolderThatIsNoRecordingIsABadArgument() throws Exception {
        Path empty = Files.createDirectories(temporary.resolve("empty"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = CompareCommand.run(
                empty,
                empty,
                null,
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no summary.json");
    }

    /** A recording whose heap and open streams climb to the given peaks, with channelz-style overdue bounds. */
    private Path folder(String name, long heapMib, long openStreams, long overdueLow, long overdueHigh)
            throws Exception {
        Recorder recorder = TestRecordings.recorded();
        SeriesStore store = recorder.store();
        long start = store.oldestTime();
        for (int second = 0; second < 10; second++) {
            long time = start + 40_000 + second * 1_000L;
            store.append(SeriesKeys.HEAP_USED, time, heapMib * TestSamples.MIB * (second + 1) / 10.0);
            store.append(SeriesKeys.STREAMS_OPEN, time, openStreams * (second + 1) / 10.0);
            store.append(SeriesKeys.STREAMS_OVERDUE_AT_LEAST, time, overdueLow);
            store.append(SeriesKeys.STREAMS_OVERDUE_AT_MOST, time, overdueHigh);
        }
        return TestRecordings.write(recorder, temporary.resolve(name));
    }
}
