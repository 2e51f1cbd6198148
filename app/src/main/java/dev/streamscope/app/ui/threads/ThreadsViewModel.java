package dev.streamscope.app.ui.threads;

import dev.streamscope.app.archive.RecordingWriter;
import dev.streamscope.app.base.ClockText;
import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.FileNames;
import dev.streamscope.app.base.SizeText;
import dev.streamscope.app.chart.PngExporter;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.jmx.threads.ThreadRecord;
import dev.streamscope.app.threads.ThreadDumpText;
import dev.streamscope.app.threads.ThreadFinding;
import dev.streamscope.app.threads.ThreadGroupSummary;
import dev.streamscope.app.threads.ThreadPools;
import dev.streamscope.app.threads.ThreadReport;
import dev.streamscope.app.threads.ThreadRules;
import dev.streamscope.app.ui.TaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A target's threads: its pools with counts by state, the findings of the thread rules with their evidence, and each
 * thread's stack. Projects the recording's thread report (one hand-off per dump, through {@link #show}); asks the
 * recording to sample every {@link ThreadRules#SAMPLE_INTERVAL} only while the page is shown, and once on demand.
 * Lives on the FX thread.
 */
public final class ThreadsViewModel {

    /** What the page asks of the recording; the futures may complete on any thread. */
    public interface Sampler {
        /** Sample every few seconds while on. */
        void setSampling(boolean on);

        /** One dump now. */
        CompletableFuture<?> sampleNow();
    }

    private final ReadOnlyStringProperty target;
    private final Sampler sampler;
    private final TaskRunner tasks;
    private final String unavailable;

    private final BooleanProperty shown = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper stack = new ReadOnlyStringWrapper("");
    private final ObservableList<FindingRowView> findings = FXCollections.observableArrayList();
    private final ObservableList<ThreadGroupRowView> groups = FXCollections.observableArrayList();
    private final ObservableList<ThreadRowView> threads = FXCollections.observableArrayList();

    private ThreadReport report = ThreadReport.EMPTY;
    private String dumpText;
    private String samplingProblem;

    /**
     * @param unavailable why this target cannot dump threads (channelz only, a saved recording), or null
     * @param savedDump the last dump's text of a saved recording, or null
     */
    public ThreadsViewModel(
            ReadOnlyStringProperty target, Sampler sampler, TaskRunner tasks, String unavailable, String savedDump) {
        this.target = target;
        this.sampler = sampler;
        this.tasks = tasks;
        this.unavailable = unavailable;
        this.dumpText = savedDump;
        if (savedDump != null) {
            stack.set(savedDump);
        }
        status.set(unavailable != null && savedDump == null ? "No thread dumps: " + unavailable : "");
        shown.addListener((observable, before, now) -> {
            if (this.unavailable == null) {
                sampler.setSampling(now);
            }
        });
    }

    /** The window's menu item for the selected target (null when none). */
    public static String menuText(ThreadsViewModel selected) {
        return selected == null || selected.unavailable == null || selected.dumpText != null
                ? "_Threads…"
                : "Threads… (" + selected.unavailable + ")";
    }

    public String unavailableReason() {
        return unavailable;
    }

    /** Whether the page has anything to show: a live JVM, or a saved recording with a dump or findings. */
    public boolean hasPage() {
        return unavailable == null || dumpText != null || !report.all().isEmpty();
    }

    /** True while the page is on screen: only then does the recording sample threads. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** "Dump of 09:45:01 · 143 threads in 21 pools · 12 dumps, every 5 s while this page is shown". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The latest failure or notice, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The selected thread's stack, or a saved recording's whole dump. */
    public ReadOnlyStringProperty stackProperty() {
        return stack.getReadOnlyProperty();
    }

    public ObservableList<FindingRowView> findings() {
        return findings;
    }

    public ObservableList<ThreadGroupRowView> groups() {
        return groups;
    }

    public ObservableList<ThreadRowView> threads() {
        return threads;
    }

    public void show() {
        shown.set(true);
    }

    /** Dumps the threads now; returns at once, the dump arrives through {@link #show(ThreadReport)}. */
    public void dumpNow() {
        if (unavailable != null || busy.get()) {
            return;
        }
        busy.set(true);
        sampler.sampleNow()
                .whenComplete((done, failure) -> tasks.onUiThread(() -> {
                    busy.set(false);
                    message.set(failure == null ? "" : reason(failure));
                }));
    }

    /** Shows the stack of {@code thread} (null: none). */
    public void select(ThreadRowView thread) {
        stack.set(thread == null ? "" : thread.stack());
    }

    /** Shows the stack of the finding's first thread. */
    public void select(FindingRowView finding) {
        if (finding == null || finding.threadIds().isEmpty()) {
            return;
        }
        long id = finding.threadIds().get(0);
        threads.stream().filter(row -> row.id() == id).findFirst().ifPresent(this::select);
    }

    /** One hand-off per dump: the recording's newest thread report. Ignores one already shown. */
    public void show(ThreadReport next) {
        if (next == null || next == report) {
            return;
        }
        report = next;
        List<FindingRowView> findingRows = new ArrayList<>();
        for (ThreadFinding finding : next.active()) {
            findingRows.add(row(finding, true));
        }
        List<ThreadFinding> ended = new ArrayList<>(next.ended());
        Collections.reverse(ended);
        for (ThreadFinding finding : ended) {
            findingRows.add(row(finding, false));
        }
        findings.setAll(findingRows);
        groups.setAll(next.groups().stream().map(ThreadsViewModel::row).toList());
        ThreadDump dump = next.lastDump();
        if (dump == null) {
            status.set(next.samples() + " thread dumps were taken while recording; the last one is below.");
            return;
        }
        dumpText = null;
        String selected = stack.get();
        threads.setAll(dump.threads().stream().map(ThreadsViewModel::row).toList());
        if (threads.stream().noneMatch(row -> row.stack().equals(selected))) {
            stack.set("");
        }
        status.set("Dump of " + ClockText.format(dump.takenAt()) + " · "
                + dump.threads().size() + " threads in "
                + next.groups().size() + " pools · " + next.samples() + " dumps, every "
                + DurationText.age(ThreadRules.SAMPLE_INTERVAL) + " while this page is shown"
                + (dump.bytes() > 0 ? " · " + SizeText.mebibytes(dump.bytes()) + " per dump" : "")
                + (dump.locksIncluded() ? "" : " · the target reports no locks"));
    }

    /** Why the sampling's latest dump failed (null: it succeeded); shown until a dump succeeds again. */
    public void showProblem(String problem) {
        if (Objects.equals(problem, samplingProblem)) {
            return;
        }
        if (problem != null) {
            message.set("The last thread dump failed: " + problem);
        } else if (message.get().startsWith("The last thread dump failed: ")) {
            message.set("");
        }
        samplingProblem = problem;
    }

    /** What the dump file is called by default. */
    public String dumpFileName() {
        Instant at =
                report.lastDump() == null ? Instant.now() : report.lastDump().takenAt();
        return "threads-" + FileNames.safe(target.get()) + "-" + PngExporter.fileTime(at) + ".txt";
    }

    /** Writes the last dump as jstack-like text into {@code file}, in the background. */
    public void saveDump(Path file) {
        ThreadDump dump = report.lastDump();
        String saved = dumpText;
        if (dump == null && saved == null) {
            message.set("No thread dump yet: dump the threads first.");
            return;
        }
        tasks.background(
                () -> {
                    RecordingWriter.writeText(file, dump != null ? ThreadDumpText.format(dump) : saved);
                    return file;
                },
                written -> message.set("Saved the thread dump to " + written),
                failure -> message.set("Could not write " + file + ": " + failure.getMessage()));
    }

    private static String reason(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage();
    }

    private static FindingRowView row(ThreadFinding finding, boolean active) {
        Duration lasted = Duration.between(finding.firstSeen(), finding.lastSeen());
        String seen = active
                ? "Since " + ClockText.format(finding.firstSeen()) + " (" + DurationText.age(lasted) + "), last seen "
                        + ClockText.format(finding.lastSeen())
                : "Ended: seen from " + ClockText.format(finding.firstSeen()) + " to "
                        + ClockText.format(finding.lastSeen());
        return new FindingRowView(
                finding.kind().title(),
                finding.subject(),
                finding.frame(),
                finding.evidence(),
                finding.advice(),
                seen,
                active,
                finding.threadIds());
    }

    private static ThreadGroupRowView row(ThreadGroupSummary group) {
        StringBuilder states = new StringBuilder();
        for (Map.Entry<Thread.State, Integer> entry : new TreeMap<>(group.byState()).entrySet()) {
            states.append(states.length() == 0 ? "" : " · ")
                    .append(entry.getValue())
                    .append(' ')
                    .append(entry.getKey());
        }
        return new ThreadGroupRowView(
                group.pool(),
                group.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                group.threads(),
                states.toString(),
                group.busy() + " of " + group.threads() + " busy",
                group.busyLastMinute());
    }

    private static ThreadRowView row(ThreadRecord thread) {
        return new ThreadRowView(
                thread.id(),
                thread.name(),
                thread.state().name(),
                ThreadPools.poolOf(thread.name()),
                thread.top() == null ? "" : thread.top().toString(),
                ThreadDumpText.stack(thread));
    }
}
