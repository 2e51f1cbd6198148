package dev.streamscope.app.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamscope.app.base.Version;
import dev.streamscope.app.recording.Recorder;
import dev.streamscope.app.recording.StreamsState;
import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TestSamples;
import dev.streamscope.app.series.TimeSeriesBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording folder written from a {@link Recorder} reads back into the same history, and a folder that is not a
 * whole recording of a format this build knows is refused with a message naming the file. The ticks are hand-built
 * records (see {@link TestSamples}); what a JMX connection produces is tested where it is mapped.
 */
class RecordingFolderTest {

    @TempDir
    Path temporary;

    @Test
    void aWrittenRecordingReadsBackWithTheSameSeriesGapsEventsAndStreams() throws Exception {
        Recorder recorder = TestRecordings.recorded();

        Path folder = TestRecordings.write(recorder, temporary.resolve("recording"));
        SavedRecording saved = RecordingReader.read(folder);

        SeriesStore original = recorder.store();
        assertThat(saved.store().keys()).containsExactlyElementsOf(original.keys());
        for (String key : original.keys()) {
            TimeSeriesBuffer was = original.find(key).orElseThrow();
            TimeSeriesBuffer is = saved.store().find(key).orElseThrow();
            assertThat(is.size()).as(key).isEqualTo(was.size());
            for (int index = 0; index < was.size(); index++) {
                assertThat(is.timeAt(index)).as(key).isEqualTo(was.timeAt(index));
                assertThat(Double.valueOf(is.valueAt(index)))
                        .as(key + " (NaN is a break in the line)")
                        .isEqualTo(Double.valueOf(was.valueAt(index)));
            }
        }
        assertThat(saved.store().gcEvents().size())
                .isEqualTo(original.gcEvents().size());
        for (int index = 0; index < original.gcEvents().size(); index++) {
            assertThat(saved.store().gcEvents().get(index))
                    .isEqualTo(original.gcEvents().get(index));
        }
        assertThat(saved.streams()).isEqualTo(StreamsState.NONE);
        assertThat(saved.hasJvm()).isTrue();
        assertThat(saved.hasChannelz()).isFalse();
        assertThat(saved.describe()).startsWith("recording of prod-api-7:9010, from ");
        assertThat(saved.summary().format()).isEqualTo(Summary.FORMAT);
        assertThat(saved.summary().version()).isEqualTo(Version.current());
    }

    @Test
    void chartsWithoutDataAreLeftOutAndTheSummarySaysWhy() throws Exception {
        Path folder = TestRecordings.write(TestRecordings.recorded(), temporary.resolve("recording"));

        assertThat(folder.resolve("heap.png")).isRegularFile();
        assertThat(folder.resolve("gc-concurrent.png"))
                .as("no concurrent cycle was recorded")
                .doesNotExist();
        assertThat(Files.readString(folder.resolve(RecordingFiles.SUMMARY)))
                .contains("gc-concurrent.png, gc-concurrent.csv: left out, the recording has no data for");
    }

    @Test
    void savingTwiceUnderOneNameNeverOverwritesAndLeavesNoPartialFolder() throws Exception {
        Recorder recorder = TestRecordings.recorded();
        RecordingWriter.Prepared prepared = TestRecordings.prepared(recorder);

        Path first = prepared.writeNew(temporary, "recording-demo");
        Path second = prepared.writeNew(temporary, "recording-demo");

        assertThat(first.getFileName().toString()).isEqualTo("recording-demo");
        assertThat(second.getFileName().toString()).isEqualTo("recording-demo-2");
        try (Stream<Path> entries = Files.list(temporary)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("recording-demo", "recording-demo-2");
        }
        assertThat(RecordingReader.read(second).store().keys()).isNotEmpty();
    }

    @Test
    void aFolderWithoutASummaryIsNotARecording() throws Exception {
        Path folder = Files.createDirectories(temporary.resolve("half"));
        Files.writeString(folder.resolve("heap.png"), "not even a png");

        assertThatThrownBy(() -> RecordingReader.read(folder))
                .isInstanceOf(RecordingProblem.class)
                .hasMessageContaining("has no summary.json")
                .hasMessageContaining("stopped before it finished writing");
    }

    @Test
    void aNewerFormatAsksForANewerStreamScope() throws Exception {
        Path folder = TestRecordings.write(TestRecordings.recorded(), temporary.resolve("recording"));
        Path summary = folder.resolve(RecordingFiles.SUMMARY);
        Files.writeString(summary, Files.readString(summary).replace("\"format\": 2", "\"format\": 99"));

        assertThatThrownBy(() -> RecordingReader.read(folder))
                .isInstanceOf(RecordingProblem.class)
                .hasMessageContaining("format 99")
                .hasMessageContaining("newer StreamScope");
    }

    @Test
    void aCaptureOfAnEarlierBuildSaysWhatItHolds() throws Exception {
        Path folder = Files.createDirectories(temporary.resolve("old"));
        Files.writeString(folder.resolve(RecordingFiles.SUMMARY), "{\"verdict\": \"healthy\", \"errors\": []}");

        assertThatThrownBy(() -> RecordingReader.read(folder))
                .isInstanceOf(RecordingProblem.class)
                .hasMessageContaining("format 1")
                .hasMessageContaining("PNG and CSV files");
    }

    @Test
    void aDamagedSeriesFileNamesItsLine() throws Exception {
        Path folder = TestRecordings.write(TestRecordings.recorded(), temporary.resolve("recording"));
        Path series = folder.resolve(RecordingFiles.SERIES);
        List<String> lines = Files.readAllLines(series);
        lines.set(3, "heap.used,yesterday,12");
        Files.write(series, lines);

        assertThatThrownBy(() -> RecordingReader.read(folder))
                .isInstanceOf(RecordingProblem.class)
                .hasMessageContaining("series.csv line 4");
    }

    @Test
    void aTruncatedSummaryIsDamagedNotACrash() throws Exception {
        Path folder = TestRecordings.write(TestRecordings.recorded(), temporary.resolve("recording"));
        Path summary = folder.resolve(RecordingFiles.SUMMARY);
        String text = Files.readString(summary);
        Files.writeString(summary, text.substring(0, text.length() / 2));

        assertThatThrownBy(() -> RecordingReader.read(folder))
                .isInstanceOf(RecordingProblem.class)
                .hasMessageContaining("summary.json is damaged");
    }

    @Test
    void aMissingSeriesFileIsAPartialRecording() throws Exception {
        Path folder = TestRecordings.write(TestRecordings.recorded(), temporary.resolve("recording"));
        Files.delete(folder.resolve(RecordingFiles.SERIES));

        assertThatThrownBy(() -> RecordingReader.read(folder))
                .isInstanceOf(RecordingProblem.class)
                .hasMessageContaining("series.csv is missing");
    }

    @Test
    void csvCellsWithCarriageReturnsAreQuoted() {
        assertThat(RecordingWriter.csvCell("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(RecordingWriter.csvCell("plain")).isEqualTo("plain");
        assertThat(RecordingReader.cells("x,\"a,\"\"b\"\"\",3")).containsExactly("x", "a,\"b\"", "3");
    }
}
