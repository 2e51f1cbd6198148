package dev.streamscope.app.watch;

import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.live.LiveRecording.ThreadSampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A window tab's watch: the triggers and incident folders of {@code --headless --watch} on the tab's own recording,
 * driven by a thread of its own, because writing a folder waits for a histogram and the disk. Turned on and off, fed
 * views and asked to save from any thread; every method returns at once. The thread starts when first needed and
 * ends when the tab closes, writing the incidents still open.
 */
public final class TabWatch {

    /** How often the thread looks when no view wakes it: views stop while a target is away. */
    private static final Duration LOOK_EVERY = Duration.ofSeconds(5);

    private final LiveRecording recording;
    private final Supplier<WatchOptions> options;
    private final Consumer<String> said;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final Queue<CompletableFuture<Path>> saveRequests = new ConcurrentLinkedQueue<>();
    private volatile boolean on;
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param options what the watch does, read on the calling thread when the watch starts (the tab's target, folder)
     * @param said each line a person should read (a trigger fired, a folder written), from the watch's thread
     */
    public TabWatch(LiveRecording recording, Supplier<WatchOptions> options, Consumer<String> said, Clock clock) {
        this.recording = recording;
        this.options = options;
        this.said = said;
        this.clock = clock;
    }

    /** Turns the triggers on or off; incidents already recording still finish. */
    public synchronized void setOn(boolean turnedOn) {
        on = turnedOn;
        // the threads trigger needs dumps whichever page is shown; the tab's watch has every trigger on
        recording.setThreadSampling(ThreadSampling.WATCH, turnedOn && recording.hasJvm() && !closed);
        if (turnedOn) {
            startIfNeeded();
        }
        wake.release();
    }

    public boolean on() {
        return on;
    }

    /** A new view arrived: look at it for triggers (coalesced: the thread reads the latest). */
    public void viewArrived() {
        if (on) {
            wake.release();
        }
    }

    /** Writes an incident folder at once: histogram, thread dump and the history up to now. */
    public synchronized CompletableFuture<Path> saveNow() {
        CompletableFuture<Path> saved = new CompletableFuture<>();
        if (closed) {
            saved.completeExceptionally(new IllegalStateException("the tab is closed"));
            return saved;
        }
        saveRequests.add(saved);
        startIfNeeded();
        wake.release();
        return saved;
    }

    /** Ends the watch; open incidents are written with what they have. Returns at once. */
    public synchronized void close() {
        closed = true;
        recording.setThreadSampling(ThreadSampling.WATCH, false);
        wake.release();
    }

    private void startIfNeeded() {
        if (thread == null && !closed) {
            WatchOptions watching = options.get();
            thread = new Thread(() -> run(watching), "streamscope-watch-" + recording.name());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run(WatchOptions watching) {
        IncidentWatcher incidents = null;
        try {
            Files.createDirectories(watching.out());
            WatchLog log = new WatchLog(watching.out(), System.err);
            incidents = new IncidentWatcher(recording, watching, log, said, clock);
            while (!closed) {
                for (CompletableFuture<Path> request = saveRequests.poll();
                        request != null;
                        request = saveRequests.poll()) {
                    Path folder = incidents.saveNow("saved from the window (File → Save incident now)");
                    if (folder == null) {
                        request.completeExceptionally(
                                new IOException("the folder could not be written; see " + log.file()));
                    } else {
                        request.complete(folder);
                    }
                }
                if (on) {
                    incidents.check(recording.latest());
                }
                incidents.finishDue(false);
                Instant wakeAt = incidents.nextDue(clock.instant().plus(LOOK_EVERY));
                long waitMillis =
                        Math.max(0, Duration.between(clock.instant(), wakeAt).toMillis());
                wake.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits(); // one look at the latest view serves every view that woke us
            }
            incidents.finishDue(true);
        } catch (IOException | RuntimeException e) {
            said.accept("the watch stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (incidents != null) {
                incidents.close();
            }
            synchronized (this) {
                thread = null; // a later save or turn-on starts again
                for (CompletableFuture<Path> request = saveRequests.poll();
                        request != null;
                        request = saveRequests.poll()) {
                    request.completeExceptionally(new IllegalStateException("the watch stopped before it could save"));
                }
            }
        }
    }
}
