package dev.streamscope.app.ui.target;

import dev.streamscope.app.chart.ChartLook;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.ui.TaskRunner;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A target's files: Save recording and chart export. The recording draws and writes them off the FX thread; each ends
 * in one notice on the status line.
 */
public final class TargetFiles {

    private final LiveRecording recording;
    private final TaskRunner tasks;
    private final Supplier<Settings> settings;
    private final Consumer<String> notices;
    private final Supplier<TimeWindow> window;
    private final LongSupplier chartsEnd;
    private final Supplier<ChartLook> look;

    /**
     * @param window and {@code chartsEnd}: what the tab's charts show, which an export of them shows too
     * @param look the window's chart look, which exports share
     */
    TargetFiles(
            LiveRecording recording,
            TaskRunner tasks,
            Supplier<Settings> settings,
            Consumer<String> notices,
            Supplier<TimeWindow> window,
            LongSupplier chartsEnd,
            Supplier<ChartLook> look) {
        this.recording = recording;
        this.tasks = tasks;
        this.settings = settings;
        this.notices = notices;
        this.window = window;
        this.chartsEnd = chartsEnd;
        this.look = look;
    }

    /** Saves the recording into a new folder inside {@code parent}, as a capture writes it; never over another. */
    public void saveRecording(Path parent) {
        notify(recording.saveNew(parent), saved -> "Saved the recording to " + saved.folder(), "Saving the recording");
    }

    /** Exports one chart as PNG, over the tab's time window. */
    public void exportChart(LiveChart chart, Path file, int width, int height) {
        notify(
                recording.exportChart(chart.id(), window.get(), chartsEnd.getAsLong(), look.get(), file, width, height),
                written -> "Exported " + written,
                "Export");
    }

    /** Exports every chart into {@code folder} with timestamped names. */
    public void exportAll(Path folder, int width, int height) {
        notify(
                recording.exportCharts(window.get(), chartsEnd.getAsLong(), look.get(), folder, width, height),
                written -> "Exported " + written.size() + " charts to " + folder,
                "Export");
    }

    /** Where the last export went, for the file chooser. */
    public Path exportFolder() {
        return settings.get().exportFolderOrHome();
    }

    public int exportWidth() {
        return settings.get().exportWidth();
    }

    public int exportHeight() {
        return settings.get().exportHeight();
    }

    private <T> void notify(CompletableFuture<T> work, Function<T, String> done, String what) {
        work.whenComplete((result, failure) -> tasks.onUiThread(
                () -> notices.accept(failure == null ? done.apply(result) : what + " failed: " + messageOf(failure))));
    }

    /** What went wrong, without the wrappers a future and an unchecked I/O failure add. */
    static String messageOf(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof UncheckedIOException unchecked) {
            cause = unchecked.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
