package dev.streamscope.app.ui.histogram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.jmx.histogram.GrpcStreamClasses;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramRow;
import dev.streamscope.app.ui.SameThreadTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The histogram page's state without a window. Histograms are built here as records (the jmx package tests reading
 * real ones from real JVMs); the taker hands out futures the test completes, standing in for the session's histogram
 * thread, and a same-thread runner stands in for the FX thread.
 */
class HistogramViewModelTest {

    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");
    private static final String SERVER_CALL = "io.grpc.internal.ServerCallImpl";
    private static final String CLIENT_CALL = "io.grpc.internal.ClientCallImpl";

    @TempDir
    Path folder;

    private final List<CompletableFuture<HeapHistogram>> asked = new ArrayList<>();
    private final List<HistogramMode> askedModes = new ArrayList<>();
    private final List<Duration> askedDeadlines = new ArrayList<>();
    private final HistogramViewModel model = new HistogramViewModel(
            new ReadOnlyStringWrapper("prod-api-7").getReadOnlyProperty(),
            (mode, deadline) -> {
                CompletableFuture<HeapHistogram> answer = new CompletableFuture<>();
                asked.add(answer);
                askedModes.add(mode);
                askedDeadlines.add(deadline);
                return answer;
            },
            SameThreadTasks.INSTANCE,
            null);

    @Test
    void theChosenWaitIsTheDeadlineOfTheNextHistogram() {
        model.take();
        asked.get(0).complete(histogram(NOON, HistogramMode.ALL, 1, List.of(row("[B", 1, 16)), List.of()));
        model.deadlineProperty().set(Duration.ofMinutes(10));
        model.take();

        assertThat(askedDeadlines).containsExactly(HistogramViewModel.DEADLINE, Duration.ofMinutes(10));
        assertThat(HistogramViewModel.DEADLINES).contains(HistogramViewModel.DEADLINE, Duration.ofMinutes(30));
    }

    @Test
    void aHistogramShowsItsClassesLargestFirstMarksStreamClassesAndSumsTheGrpcCalls() {
        model.take();

        assertThat(model.busyProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).startsWith("Taking a class histogram of prod-api-7");
        assertThat(askedModes).containsExactly(HistogramMode.ALL);

        // ClientCallImpl ranks below the row limit: the histogram carries it among its stream rows only
        asked.get(0)
                .complete(histogram(
                        NOON,
                        HistogramMode.ALL,
                        30_123,
                        List.of(
                                row("[B", 9_000, 4_000_000),
                                row("java.lang.String", 8_000, 192_000),
                                row(SERVER_CALL, 12, 960)),
                        List.of(row(CLIENT_CALL, 3, 240))));

        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.rows())
                .extracting(HistogramRowView::className)
                .containsExactly("[B", "java.lang.String", SERVER_CALL, CLIENT_CALL);
        assertThat(model.rows())
                .filteredOn(HistogramRowView::streamClass)
                .extracting(HistogramRowView::className)
                .containsExactly(SERVER_CALL, CLIENT_CALL);
        assertThat(model.rows().get(0).bytesText()).isEqualTo("4,000,000");
        assertThat(model.grpcCallsProperty().get()).isEqualTo("gRPC calls in the heap: 15");
        assertThat(model.truncationProperty().get()).isEqualTo("largest 3 of 30,123 classes");
        assertThat(model.statusProperty().get())
                .contains("all objects, garbage too")
                .contains("30,123 classes");
        assertThat(model.modeNoteProperty().get()).contains("no GC").contains("garbage");
        assertThat(model.changeAvailableProperty().get()).isFalse();
        assertThat(model.tableProperty().get()).isEqualTo(HistogramViewModel.Table.CLASSES);
        assertThat(model.instancesHeaderProperty().get()).isEqualTo("Instances");
    }

    @Test
    void theFilterKeepsTheClassesWhoseNameHoldsTheWordsInAnyCase() {
        model.take();
        asked.get(0).complete(histogram(NOON, HistogramMode.ALL, 3, rows()));

        model.filterProperty().set("  SERVERcall ");

        assertThat(model.rows()).extracting(HistogramRowView::className).containsExactly(SERVER_CALL);
        model.filterProperty().set("no.such.Class");
        assertThat(model.rows()).isEmpty();
        assertThat(model.placeholderProperty().get()).isEqualTo("No class name holds 'no.such.Class'.");
        model.filterProperty().set("");
        assertThat(model.rows()).hasSize(3);
    }

    @Test
    void theNextHistogramShowsWhatEachClassGainedMostBytesFirstAndTheUserCanSwitchBack() {
        model.take();
        asked.get(0).complete(histogram(NOON, HistogramMode.ALL, 3, rows()));
        model.take();
        asked.get(1)
                .complete(histogram(
                        NOON.plusSeconds(125),
                        HistogramMode.ALL,
                        3,
                        List.of(
                                row("[B", 9_100, 4_000_100),
                                row("java.lang.String", 7_000, 168_000),
                                row(SERVER_CALL, 1_212, 96_960)),
                        List.of()));

        assertThat(model.tableProperty().get()).isEqualTo(HistogramViewModel.Table.CHANGE);
        assertThat(model.changeAvailableProperty().get()).isTrue();
        assertThat(model.rows())
                .extracting(HistogramRowView::className)
                .containsExactly(SERVER_CALL, "[B", "java.lang.String");
        assertThat(model.rows().get(0).instancesText()).isEqualTo("+1,200");
        assertThat(model.rows().get(0).bytesText()).isEqualTo("+96,000");
        assertThat(model.rows().get(2).bytesText()).isEqualTo("-24,000");
        assertThat(model.bytesHeaderProperty().get()).isEqualTo("Bytes gained");
        assertThat(model.changeSummaryProperty().get())
                .contains(", 2 min 5 s earlier (all objects, garbage too): ")
                .endsWith("+300 objects, +72,100 bytes in all");
        assertThat(model.grpcCallsProperty().get()).startsWith("gRPC calls in the heap: 1,212 (+1,200 since ");

        model.chooseTable(HistogramViewModel.Table.CLASSES);

        assertThat(model.rows()).extracting(HistogramRowView::className).first().isEqualTo("[B");
        assertThat(model.rows().get(0).bytesText()).isEqualTo("4,000,100");
        assertThat(model.bytesHeaderProperty().get()).isEqualTo("Bytes");
    }

    @Test
    void aLiveHistogramIsComparedOnlyWithAnEarlierLiveOne() {
        model.take();
        asked.get(0).complete(histogram(NOON, HistogramMode.ALL, 3, rows()));
        model.chooseMode(HistogramMode.LIVE);
        model.take();
        asked.get(1).complete(histogram(NOON.plusSeconds(10), HistogramMode.LIVE, 3, rows()));

        assertThat(model.changeAvailableProperty().get())
                .as("garbage counted in one and not the other is no change")
                .isFalse();
        assertThat(model.tableProperty().get()).isEqualTo(HistogramViewModel.Table.CLASSES);
        model.chooseTable(HistogramViewModel.Table.CHANGE);
        assertThat(model.tableProperty().get()).isEqualTo(HistogramViewModel.Table.CLASSES);
    }

    @Test
    void aLiveHistogramAsksFirstSayingThatItPausesTheTargetAndAllDoesNot() {
        assertThat(model.needsConfirmation()).isFalse();

        model.chooseMode(HistogramMode.LIVE);

        assertThat(model.needsConfirmation()).isTrue();
        assertThat(model.confirmationText())
                .isEqualTo("Takes a full GC on prod-api-7: its threads pause, for seconds on a big heap.");
        assertThat(model.modeNoteProperty().get()).contains("full GC");
        model.take();
        assertThat(askedModes).containsExactly(HistogramMode.LIVE);
    }

    @Test
    void aFailureIsSaidInWordsAndTheHistogramShownStays() {
        model.take();
        asked.get(0).complete(histogram(NOON, HistogramMode.ALL, 3, rows()));
        model.take();
        String timeout = "No class histogram from 127.0.0.1:9010 within 2m: counting a big heap takes a while. Allow it"
                + " more time, or take it on the target's host: jcmd <pid> GC.class_histogram";
        asked.get(1).completeExceptionally(new TargetProblem(TargetProblem.Kind.TIMEOUT, timeout));

        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo(timeout);
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.rows()).hasSize(3);
        assertThat(model.statusProperty().get()).startsWith("Still showing the histogram of ");

        model.take();
        assertThat(model.messageProperty().get())
                .as("a new attempt clears the old failure")
                .isEmpty();
    }

    @Test
    void aSecondRequestWhileOneIsBeingTakenIsRefusedInWords() {
        model.take();
        model.take();

        assertThat(asked).hasSize(1);
        assertThat(model.messageProperty().get())
                .isEqualTo("A class histogram of prod-api-7 is still being taken; wait for it, then ask again.");
        asked.get(0).complete(histogram(NOON, HistogramMode.ALL, 3, rows()));
        assertThat(model.rows()).hasSize(3);
    }

    @Test
    void aRecordingCannotTakeAHistogramAndSaysWhy() {
        HistogramViewModel recording = new HistogramViewModel(
                new ReadOnlyStringWrapper("Recording: prod-api-7").getReadOnlyProperty(),
                (mode, deadline) -> {
                    throw new AssertionError("a recording takes nothing");
                },
                SameThreadTasks.INSTANCE,
                "a recording from a folder cannot take one");

        recording.take();

        assertThat(recording.messageProperty().get())
                .isEqualTo("No class histogram of Recording: prod-api-7: a recording from a folder cannot take one");
        assertThat(HistogramViewModel.menuText(recording))
                .isEqualTo("Heap histogram… (a recording from a folder cannot take one)");
        assertThat(HistogramViewModel.menuText(model)).isEqualTo("Heap _histogram…");
    }

    @Test
    void exportWritesTheTableShownAsCsvWithEveryRowUnfiltered() throws Exception {
        model.take();
        asked.get(0).complete(histogram(NOON, HistogramMode.ALL, 3, rows()));
        model.filterProperty().set("String");
        Path classes = folder.resolve(model.exportFileName());

        model.export(classes);

        assertThat(classes.getFileName().toString())
                .startsWith("histogram-prod-api-7-")
                .endsWith(".csv");
        assertThat(Files.readAllLines(classes))
                .containsExactly(
                        "class,instances,bytes",
                        "[B,9000,4000000",
                        "java.lang.String,8000,192000",
                        SERVER_CALL + ",12,960");
        assertThat(model.messageProperty().get()).isEqualTo("Exported the histogram to " + classes);

        model.take();
        asked.get(1)
                .complete(histogram(
                        NOON.plusSeconds(60), HistogramMode.ALL, 3, List.of(row(SERVER_CALL, 112, 8_960)), List.of()));
        Path change = folder.resolve(model.exportFileName());
        model.export(change);

        assertThat(change.getFileName().toString()).startsWith("histogram-change-prod-api-7-");
        assertThat(Files.readAllLines(change))
                .containsExactly(
                        "class,instances_gained,bytes_gained",
                        SERVER_CALL + ",100,8000",
                        "java.lang.String,-8000,-192000",
                        "[B,-9000,-4000000");
    }

    @Test
    void aCsvThatCannotBeWrittenSaysWhyAndKeepsTheHistogram() {
        model.take();
        asked.get(0).complete(histogram(NOON, HistogramMode.ALL, 3, rows()));
        Path nowhere = folder.resolve("missing").resolve("histogram.csv");

        model.export(nowhere);

        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.messageProperty().get())
                .isEqualTo("Could not write " + nowhere
                        + ": its folder does not exist. Choose another folder; the histogram is kept.");
        assertThat(model.rows()).hasSize(3);
        assertThat(nowhere).doesNotExist();
    }

    private static List<HistogramRow> rows() {
        return List.of(row("[B", 9_000, 4_000_000), row("java.lang.String", 8_000, 192_000), row(SERVER_CALL, 12, 960));
    }

    private static HistogramRow row(String className, long instances, long bytes) {
        return new HistogramRow(className, instances, bytes);
    }

    /** As the parser builds one: the stream classes among the rows, plus those beyond the row limit. */
    private static HeapHistogram histogram(
            Instant at, HistogramMode mode, int classes, List<HistogramRow> rows, List<HistogramRow> beyondLimit) {
        List<HistogramRow> streamRows = new ArrayList<>(rows.stream()
                .filter(row -> GrpcStreamClasses.matches(row.className()))
                .toList());
        streamRows.addAll(beyondLimit);
        return new HeapHistogram(
                at,
                mode,
                rows,
                streamRows,
                classes,
                rows.stream().mapToLong(HistogramRow::instances).sum()
                        + beyondLimit.stream()
                                .mapToLong(HistogramRow::instances)
                                .sum(),
                rows.stream().mapToLong(HistogramRow::bytes).sum()
                        + beyondLimit.stream().mapToLong(HistogramRow::bytes).sum());
    }

    private static HeapHistogram histogram(Instant at, HistogramMode mode, int classes, List<HistogramRow> rows) {
        return histogram(at, mode, classes, rows, List.of());
    }
}
