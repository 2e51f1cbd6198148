package dev.streamscope.app.capture;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.recording.HistogramPair;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two class histograms of a capture (--histogram): the first asked for as soon as the target answers over JMX,
 * the second when the capture ends, before its session closes. Each runs on the session's histogram thread; the
 * capture thread, which alone calls this, only waits for them, never longer than their deadline and the poll in
 * progress.
 */
final class CaptureHistograms {

    private final HistogramMode mode;
    private final Duration deadline;
    private final Duration wait;
    private final PrintStream progress;
    private CompletableFuture<HeapHistogram> start;
    private boolean finished;

    /** @param pollDeadline the longest a poll in progress may hold the poller, which hands each histogram over */
    CaptureHistograms(HistogramMode mode, Duration deadline, Duration pollDeadline, PrintStream progress) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.wait = deadline.plus(pollDeadline);
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The longest {@link #finish} may wait: for the histogram at the start, then for the one at the end. */
    Duration longestFinish() {
        return wait.multipliedBy(2);
    }

    /** Asks for the histogram at the start, once: call when the target has answered over JMX. */
    void onJvmAnswered(LiveRecording recording) {
        if (start != null || finished) {
            return;
        }
        progress.println("streamscope: taking a class histogram (" + mode.text() + ") at the start…");
        start = recording.takeHistogram(mode, deadline);
        // said when it arrives, not at the end: a failure here is worth knowing while the capture runs
        start.whenComplete((histogram, failure) -> report("at the start", taken(histogram, failure)));
    }

    /**
     * Waits for the histogram at the start, then takes the one at the end on the still open session.
     *
     * @throws InterruptedException when the capture thread is interrupted; nothing more is taken then
     */
    HistogramPair finish(LiveRecording recording) throws InterruptedException {
        finished = true;
        if (start == null) {
            String never = "the target never answered over JMX during the capture, so no class histogram was taken";
            progress.println("streamscope: " + never);
            return new HistogramPair(mode, null, never, null, never);
        }
        Taken first = await(start);
        progress.println("streamscope: taking a class histogram (" + mode.text() + ") at the end (at most "
                + DurationText.age(wait) + ")…");
        CompletableFuture<HeapHistogram> end = recording.takeHistogram(mode, deadline);
        Taken last = await(end);
        report("at the end", last);
        return new HistogramPair(mode, first.histogram(), first.problem(), last.histogram(), last.problem());
    }

    private record Taken(HeapHistogram histogram, String problem) {}

    private Taken await(CompletableFuture<HeapHistogram> future) throws InterruptedException {
        try {
            return new Taken(future.get(wait.toNanos(), TimeUnit.NANOSECONDS), null);
        } catch (ExecutionException failed) {
            return taken(null, failed.getCause());
        } catch (TimeoutException late) {
            return new Taken(
                    null,
                    "no class histogram within " + DurationText.age(wait) + ", the deadline and a poll's;"
                            + " give --histogram-deadline more time.");
        }
    }

    private Taken taken(HeapHistogram histogram, Throwable failure) {
        if (histogram != null) {
            return new Taken(histogram, null);
        }
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TargetProblem problem) {
            return new Taken(
                    null,
                    problem.kind() == TargetProblem.Kind.TIMEOUT
                            ? problem.getMessage() + " (--histogram-deadline is " + DurationText.format(deadline) + ")"
                            : problem.getMessage());
        }
        return new Taken(null, "the class histogram failed: " + cause);
    }

    private void report(String when, Taken taken) {
        HeapHistogram histogram = taken.histogram();
        if (histogram == null) {
            progress.println("streamscope: no class histogram " + when + ": " + taken.problem());
            return;
        }
        progress.println(String.format(
                Locale.ROOT,
                "streamscope: class histogram %s: %,d classes, %.1f MiB, %,d gRPC calls in the heap",
                when,
                histogram.classes(),
                histogram.totalBytes() / (1024.0 * 1024.0),
                histogram.grpcCalls()));
    }
}
