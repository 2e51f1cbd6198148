package dev.streamscope.app.ui.histogram;

import dev.streamscope.app.archive.HistogramCsv;
import dev.streamscope.app.archive.RecordingWriter;
import dev.streamscope.app.base.ClockText;
import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.FileNames;
import dev.streamscope.app.base.SizeText;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.chart.PngExporter;
import dev.streamscope.app.histogram.HistogramChange;
import dev.streamscope.app.jmx.histogram.GrpcStreamClasses;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramRow;
import dev.streamscope.app.ui.TaskRunner;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * A target's class histograms: takes one over JMX off the FX thread, shows its classes or what they gained since the
 * previous histogram of the same mode, filters, and exports CSV. Lives on the FX thread; a histogram reaches it in one
 * hand-off. It keeps the latest histogram of each mode and nothing older, so memory stays within two row limits.
 */
public final class HistogramViewModel {

    /** How long the window waits for a histogram by default: a live one runs a full GC first, seconds on a big heap. */
    static final Duration DEADLINE = Duration.ofMinutes(2);

    /** The waits the page offers: a small heap answers in a second, a live one of tens of GB may take minutes. */
    public static final List<Duration> DEADLINES = List.of(
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            DEADLINE,
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30));

    /** Every class that changed is listed; two bounded histograms bound this too. */
    private static final int CHANGE_ROWS = 20_000;

    /** Takes a histogram; the future may complete on any thread. */
    @FunctionalInterface
    public interface Taker {
        CompletableFuture<HeapHistogram> take(HistogramMode mode, Duration deadline);
    }

    /** Which rows the table shows. */
    public enum Table {
        CLASSES,
        CHANGE
    }

    private final ReadOnlyStringProperty target;
    private final Taker taker;
    private final TaskRunner tasks;
    private final String unavailable;
    private final Map<HistogramMode, HeapHistogram> latest = new EnumMap<>(HistogramMode.class);

    private final ReadOnlyObjectWrapper<HistogramMode> mode = new ReadOnlyObjectWrapper<>(HistogramMode.ALL);
    private final ReadOnlyObjectWrapper<Table> table = new ReadOnlyObjectWrapper<>(Table.CLASSES);
    private final ReadOnlyObjectWrapper<HeapHistogram> histogram = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper changeAvailable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper modeNote = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper grpcCalls = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper truncation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper changeSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper instancesHeader = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper bytesHeader = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<Duration> deadline = new SimpleObjectProperty<>(DEADLINE);
    private final BooleanProperty shown = new SimpleBooleanProperty();
    private final ObservableList<HistogramRowView> allRows = FXCollections.observableArrayList();
    private final FilteredList<HistogramRowView> rows = new FilteredList<>(allRows);

    private List<HistogramRowView> classRows = List.of();
    private List<HistogramRowView> changeRows = List.of();
    private List<HistogramChange> change = List.of();

    /**
     * @param target the target's name, as its tab shows it
     * @param unavailable why this target cannot take histograms (a recording, no JMX), or null when it can
     */
    public HistogramViewModel(ReadOnlyStringProperty target, Taker taker, TaskRunner tasks, String unavailable) {
        this.target = target;
        this.taker = taker;
        this.tasks = tasks;
        this.unavailable = unavailable;
        filter.addListener((observable, before, now) -> applyFilter());
        showMode();
        showTable();
    }

    /** The window's menu item for the selected target (null when none): why it is disabled, when it is. */
    public static String menuText(HistogramViewModel selected) {
        return selected == null || selected.unavailable == null
                ? "Heap _histogram…"
                : "Heap histogram… (" + selected.unavailable + ")";
    }

    /** Why this target cannot take a histogram, or null when it can. */
    public String unavailableReason() {
        return unavailable;
    }

    public ReadOnlyObjectProperty<HistogramMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Table> tableProperty() {
        return table.getReadOnlyProperty();
    }

    /** The histogram shown, or null before the first. */
    public ReadOnlyObjectProperty<HeapHistogram> histogramProperty() {
        return histogram.getReadOnlyProperty();
    }

    /** True while a histogram is being taken. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once there is an earlier histogram of the same mode to compare the shown one with. */
    public ReadOnlyBooleanProperty changeAvailableProperty() {
        return changeAvailable.getReadOnlyProperty();
    }

    /** What the chosen mode counts and what it costs the target. */
    public ReadOnlyStringProperty modeNoteProperty() {
        return modeNote.getReadOnlyProperty();
    }

    /** What is shown: "Taken 09:45:01 · all objects … · 2,345 classes", or the progress of one being taken. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last failure (what to do next) or notice; empty when there is none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether {@link #messageProperty()} is a failure. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** "gRPC calls in the heap: 1,234", with the change since the previous histogram: " (+536 since 09:43:12)". */
    public ReadOnlyStringProperty grpcCallsProperty() {
        return grpcCalls.getReadOnlyProperty();
    }

    /** "largest 5,000 of 31,207 classes" when the reply was cut to the row limit, else empty. */
    public ReadOnlyStringProperty truncationProperty() {
        return truncation.getReadOnlyProperty();
    }

    /** What the change view compares: "Since the histogram of 09:43:12, 2 min 5 s earlier (…): +12,345 objects, …". */
    public ReadOnlyStringProperty changeSummaryProperty() {
        return changeSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty instancesHeaderProperty() {
        return instancesHeader.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bytesHeaderProperty() {
        return bytesHeader.getReadOnlyProperty();
    }

    /** What the empty table says. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** Words of a class name; the table keeps the classes whose name holds them, any case. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** How long the next histogram may take before the page gives up waiting and says so (a null is the default). */
    public ObjectProperty<Duration> deadlineProperty() {
        return deadline;
    }

    /** Whether the histogram page is on screen; the window shows it when asked with {@link #show()}. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** The rows of the chosen table that pass the filter: largest first, or most bytes gained first. */
    public ObservableList<HistogramRowView> rows() {
        return rows;
    }

    public void show() {
        shown.set(true);
    }

    public void chooseMode(HistogramMode chosen) {
        mode.set(chosen);
        showMode();
    }

    public void chooseTable(Table chosen) {
        table.set(chosen == Table.CHANGE && !changeAvailable.get() ? Table.CLASSES : chosen);
        showTable();
    }

    /** A live histogram pauses the target: the window asks first. */
    public boolean needsConfirmation() {
        return mode.get() == HistogramMode.LIVE;
    }

    /** The question asked before a live histogram. */
    public String confirmationText() {
        return "Takes a full GC on " + target.get() + ": its threads pause, for seconds on a big heap.";
    }

    /**
     * Takes a histogram in the chosen mode; returns at once. The histogram shown stays until the new one arrives, and
     * stays too when taking fails.
     */
    public void take() {
        if (unavailable != null) {
            fail("No class histogram of " + target.get() + ": " + unavailable);
            return;
        }
        if (busy.get()) {
            fail("A class histogram of " + target.get() + " is still being taken; wait for it, then ask again.");
            return;
        }
        HistogramMode taking = mode.get();
        HeapHistogram previous = latest.get(taking);
        busy.set(true);
        message.set("");
        failed.set(false);
        status.set("Taking a class histogram of " + target.get() + " (" + describe(taking) + ")…");
        CompletableFuture<HeapHistogram> future;
        try {
            future = taker.take(taking, deadline.get() == null ? DEADLINE : deadline.get());
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        // the change is computed where the histogram arrives, so the FX thread only swaps rows
        future.thenApply(taken -> new Taken(
                        taken,
                        previous,
                        previous == null ? List.of() : HistogramChange.between(previous, taken, CHANGE_ROWS)))
                .whenComplete((taken, failure) -> tasks.onUiThread(() -> {
                    if (failure != null) {
                        failTaking(failure);
                    } else {
                        accept(taken);
                    }
                }));
    }

    /** What a file of the shown table is called by default. */
    public String exportFileName() {
        HeapHistogram shownHistogram = histogram.get();
        Instant at = shownHistogram == null ? Instant.now() : shownHistogram.takenAt();
        String kind = table.get() == Table.CHANGE ? "histogram-change-" : "histogram-";
        return kind + FileNames.safe(target.get()) + "-" + PngExporter.fileTime(at) + ".csv";
    }

    /** Writes the shown table, unfiltered, as CSV into {@code file} in the background; whole or not at all. */
    public void export(Path file) {
        HeapHistogram shownHistogram = histogram.get();
        if (shownHistogram == null) {
            fail("Nothing to export yet: take a class histogram first (Ctrl+H).");
            return;
        }
        boolean changeTable = table.get() == Table.CHANGE;
        List<HistogramChange> shownChange = change;
        tasks.background(
                () -> {
                    String csv =
                            changeTable ? HistogramCsv.renderChange(shownChange) : HistogramCsv.render(shownHistogram);
                    RecordingWriter.writeText(file, csv);
                    return file;
                },
                written -> notice("Exported " + (changeTable ? "the change" : "the histogram") + " to " + written),
                failure -> fail(writeFailure(file, failure)));
    }

    private void accept(Taken taken) {
        busy.set(false);
        HeapHistogram shownHistogram = taken.histogram();
        latest.put(shownHistogram.mode(), shownHistogram);
        histogram.set(shownHistogram);
        change = taken.change();
        classRows = classRows(shownHistogram);
        changeRows = change.stream()
                .map(gained -> new HistogramRowView(
                        gained.className(),
                        gained.instancesGained(),
                        gained.bytesGained(),
                        GrpcStreamClasses.matches(gained.className()),
                        true))
                .toList();
        status.set(
                "Taken " + ClockText.format(shownHistogram.takenAt()) + " · " + describe(shownHistogram.mode()) + " · "
                        + count(shownHistogram.classes()) + " classes, " + count(shownHistogram.totalInstances())
                        + " objects, " + mebibytes(shownHistogram.totalBytes()));
        HeapHistogram previous = taken.previous();
        grpcCalls.set("gRPC calls in the heap: " + count(shownHistogram.grpcCalls())
                + (previous == null
                        ? ""
                        : " (" + signed(shownHistogram.grpcCalls() - previous.grpcCalls()) + " since "
                                + ClockText.format(previous.takenAt()) + ")"));
        truncation.set(
                shownHistogram.truncated()
                        ? "largest " + count(shownHistogram.rows().size()) + " of " + count(shownHistogram.classes())
                                + " classes"
                        : "");
        changeAvailable.set(previous != null);
        changeSummary.set(previous == null ? "" : changeSummary(previous, shownHistogram));
        // the next histogram of the same target shows what changed; the user can switch back
        table.set(previous == null ? Table.CLASSES : Table.CHANGE);
        showTable();
    }

    private static List<HistogramRowView> classRows(HeapHistogram taken) {
        List<HistogramRowView> shownRows =
                new ArrayList<>(taken.rows().size() + taken.streamRows().size());
        Set<String> listed = new HashSet<>();
        for (HistogramRow row : taken.rows()) {
            shownRows.add(view(row));
            listed.add(row.className());
        }
        // stream classes below the row limit are shown anyway, after the largest: they are what one looks for
        for (HistogramRow row : taken.streamRows()) {
            if (listed.add(row.className())) {
                shownRows.add(view(row));
            }
        }
        return shownRows;
    }

    private static HistogramRowView view(HistogramRow row) {
        return new HistogramRowView(
                row.className(), row.instances(), row.bytes(), GrpcStreamClasses.matches(row.className()), false);
    }

    private String changeSummary(HeapHistogram previous, HeapHistogram now) {
        return "Since the histogram of " + ClockText.format(previous.takenAt()) + ", "
                + DurationText.age(Duration.between(previous.takenAt(), now.takenAt())) + " earlier ("
                + describe(previous.mode()) + "): " + signed(now.totalInstances() - previous.totalInstances())
                + " objects, " + signed(now.totalBytes() - previous.totalBytes()) + " bytes in all";
    }

    private void failTaking(Throwable failure) {
        busy.set(false);
        HeapHistogram shownHistogram = histogram.get();
        status.set(
                shownHistogram == null
                        ? ""
                        : "Still showing the histogram of " + ClockText.format(shownHistogram.takenAt()) + " · "
                                + describe(shownHistogram.mode()));
        fail(failureText(failure));
    }

    private String failureText(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TargetProblem) {
            return cause.getMessage();
        }
        return "Taking a class histogram of " + target.get() + " failed: " + cause
                + ". Try again, or on the target's host: jcmd <pid> GC.class_histogram";
    }

    private static String writeFailure(Path file, Exception failure) {
        String why;
        if (failure instanceof NoSuchFileException) {
            why = "its folder does not exist";
        } else if (failure instanceof AccessDeniedException) {
            why = "no permission to write there";
        } else if (failure instanceof FileSystemException system && system.getReason() != null) {
            why = system.getReason();
        } else {
            why = String.valueOf(failure.getMessage());
        }
        return "Could not write " + file + ": " + why + ". Choose another folder; the histogram is kept.";
    }

    private void fail(String text) {
        message.set(text);
        failed.set(true);
    }

    private void notice(String text) {
        message.set(text);
        failed.set(false);
    }

    private void showMode() {
        modeNote.set(
                mode.get() == HistogramMode.ALL
                        ? "All objects: no GC and no pause, but garbage not yet collected is counted too."
                        : "Live objects only: the target runs a full GC first, and its threads pause meanwhile.");
    }

    private void showTable() {
        boolean changeTable = table.get() == Table.CHANGE;
        instancesHeader.set(changeTable ? "Instances gained" : "Instances");
        bytesHeader.set(changeTable ? "Bytes gained" : "Bytes");
        allRows.setAll(changeTable ? changeRows : classRows);
        applyFilter();
    }

    private void applyFilter() {
        String words = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        rows.setPredicate(
                words.isEmpty()
                        ? null
                        : row -> row.className().toLowerCase(Locale.ROOT).contains(words));
        if (histogram.get() == null) {
            placeholder.set(
                    unavailable != null
                            ? "No class histogram here: " + unavailable
                            : "No class histogram yet: press Take histogram (Ctrl+H).");
        } else if (!words.isEmpty()) {
            placeholder.set("No class name holds '" + filter.get().strip() + "'.");
        } else {
            placeholder.set(
                    table.get() == Table.CHANGE ? "No class changed since the previous histogram." : "No classes.");
        }
    }

    private static String describe(HistogramMode taken) {
        return taken == HistogramMode.ALL ? "all objects, garbage too" : "live objects, after a full GC";
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String signed(long value) {
        return String.format(Locale.ROOT, "%+,d", value);
    }

    private static String mebibytes(long bytes) {
        return SizeText.mebibytes(bytes);
    }

    /** A histogram as it reached us, with the earlier one of its mode and what changed since. */
    private record Taken(HeapHistogram histogram, HeapHistogram previous, List<HistogramChange> change) {}
}
