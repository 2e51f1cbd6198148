package dev.streamscope.app.session;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ChannelzWalkSettings;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimeChoice;
import dev.streamscope.app.lifetime.LifetimePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One connected target: owns one poller thread that connects, polls at the interval, backs off and reconnects. Nothing
 * else talks to this target's network. The fields below the constructor's are confined to the poller thread, except
 * the volatile settings any thread may change; {@link #close()} too hands its work to that thread.
 */
public final class TargetSession implements AutoCloseable {

    /** Notifications arriving faster than we poll are kept up to this many, so a GC storm cannot grow memory. */
    private static final int MAX_PENDING_GC_EVENTS = 10_000;

    /** What a lost connection's status says after the reason; {@code %d} is the delay in seconds. */
    private static final String RETRYING = " Retrying in %d s; history is kept.";

    /** While nobody looks at the streams table, a tick reads only the few oldest streams a summary names. */
    public static final int STREAM_ROWS_UNWATCHED = 10;

    private final TargetSpec spec;
    private final JvmConnector connector;
    private final Timeouts timeouts;
    private final Duration interval;
    private final SessionListener listener;
    private final ScheduledExecutorService poller;
    private final BlockingQueue<GcEvent> notifiedGc = new ArrayBlockingQueue<>(MAX_PENDING_GC_EVENTS);
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final ChannelzPoller channelz;
    /** Takes class histograms off the poller, so ticks go on while the target walks its heap. */
    private final ExecutorService histograms;

    private final AtomicBoolean histogramInFlight = new AtomicBoolean();
    /** Takes thread dumps off the poller (and off the histogram thread: a dump must not wait for a heap walk). */
    private final ExecutorService threadDumps;

    private final AtomicBoolean threadDumpInFlight = new AtomicBoolean();

    private JvmConnection connection;
    private int connectionGeneration;
    private ScheduledFuture<?> nextPoll;
    private long nextPollAtNanos;
    private boolean everConnected;
    private volatile boolean waitForFirstConnection;
    private boolean gapPending;
    private final MissedCollections missedCollections = new MissedCollections();
    private volatile boolean closed;
    /** The user's lifetimes, or null: then the service's own (from its bridge), else the default. */
    private volatile LifetimePolicy userLifetime;

    private BridgeStreams lastStreams;
    private volatile int streamRows = STREAM_ROWS_UNWATCHED;
    private volatile boolean channelzHealthy = true;

    public TargetSession(
            TargetSpec spec, JvmConnector connector, Timeouts timeouts, Duration interval, SessionListener listener) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamscope-poller-" + spec.name());
            thread.setDaemon(true);
            return thread;
        });
        this.histograms = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamscope-histogram-" + spec.name());
            thread.setDaemon(true);
            return thread;
        });
        this.threadDumps = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamscope-threads-" + spec.name());
            thread.setDaemon(true);
            return thread;
        });
        this.channelz = spec.channelz() == null
                ? null
                : new ChannelzPoller(
                        spec.channelz(),
                        timeouts,
                        ChannelzWalkSettings.DEFAULT.withMaxInFlight(
                                spec.channelz().maxInFlight()),
                        this::acceptChannelz);
    }

    public TargetSpec spec() {
        return spec;
    }

    /**
     * The user's lifetimes that decide which streams are overdue, or null to use those the service gave its bridge
     * (else the default); takes effect at the next tick. Any thread.
     */
    public void setLifetime(LifetimePolicy policy) {
        this.userLifetime = policy;
    }

    /**
     * How many of the oldest streams each tick reads from the bridge: the table's size while it is shown,
     * {@link #STREAM_ROWS_UNWATCHED} otherwise (poll only what is watched). Any thread.
     */
    public void setStreamRows(int rows) {
        this.streamRows = Math.max(1, rows);
    }

    /** Starts connecting; returns at once. */
    public void start() {
        submit(() -> connect(TargetState.CONNECTING));
    }

    /**
     * Whether a first connection that fails in a way that may pass by itself (refused, timed out: a target being
     * restarted) is retried with backoff, reported as CONNECTING with the reason, instead of ending in FAILED. Off for
     * the window, whose connect dialog shows the failure so the user can fix the input; on for headless captures,
     * which should catch a target that comes up during the capture. Set before {@link #start()}.
     */
    public void setWaitForFirstConnection(boolean wait) {
        this.waitForFirstConnection = wait;
    }

    /**
     * Takes a class histogram of the target's heap; returns at once, from any thread. The poller hands the current
     * connection to the histogram thread, so ticks go on while the target walks its heap (seconds on a big one). The
     * future fails with a {@link TargetProblem} that says what to do when the target is not connected over JMX, when
     * another histogram is still being taken, or as the target failed; it completes on the histogram thread.
     */
    public CompletableFuture<HeapHistogram> takeHistogram(HistogramMode mode, Duration deadline) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(deadline, "deadline");
        CompletableFuture<HeapHistogram> result = new CompletableFuture<>();
        if (!histogramInFlight.compareAndSet(false, true)) {
            result.completeExceptionally(new TargetProblem(
                    TargetProblem.Kind.OTHER,
                    "A class histogram of " + spec.name() + " is still being taken; wait for it, then ask again."));
            return result;
        }
        Runnable handOver = () -> {
            JvmConnection current = connection;
            if (current == null) {
                fail(histogramInFlight, result, notConnectedForHistogram());
                return;
            }
            try {
                histograms.execute(() -> {
                    try {
                        succeed(histogramInFlight, result, current.classHistogram(mode, deadline));
                    } catch (TargetProblem problem) {
                        fail(histogramInFlight, result, problem);
                    } catch (RuntimeException unexpected) {
                        fail(histogramInFlight, result, unexpected);
                    }
                });
            } catch (RejectedExecutionException e) {
                fail(histogramInFlight, result, closedForHistogram());
            }
        };
        try {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            poller.execute(handOver);
        } catch (RejectedExecutionException e) {
            fail(histogramInFlight, result, closedForHistogram());
        }
        return result;
    }

    /**
     * Dumps the target's threads; returns at once, from any thread, like {@link #takeHistogram}: the poller hands the
     * current connection to the thread-dump thread, which waits at most {@code deadline} per call. The future fails
     * with a {@link TargetProblem} when the target is not connected over JMX, a dump is still being taken, or the
     * target failed; it completes on the thread-dump thread.
     */
    public CompletableFuture<ThreadDump> takeThreadDump(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        CompletableFuture<ThreadDump> result = new CompletableFuture<>();
        if (!threadDumpInFlight.compareAndSet(false, true)) {
            result.completeExceptionally(new TargetProblem(
                    TargetProblem.Kind.OTHER,
                    "A thread dump of " + spec.name() + " is still being taken; wait for it, then ask again."));
            return result;
        }
        Runnable handOver = () -> {
            JvmConnection current = connection;
            if (current == null) {
                String why = spec.jmx() == null
                        ? spec.name() + " has no JMX address: a thread dump needs a JMX connection to the JVM."
                        : spec.name() + " is not connected over JMX right now; dump its threads once it is connected.";
                fail(threadDumpInFlight, result, new TargetProblem(TargetProblem.Kind.OTHER, why));
                return;
            }
            try {
                threadDumps.execute(() -> {
                    try {
                        succeed(threadDumpInFlight, result, current.threadDump(deadline));
                    } catch (TargetProblem problem) {
                        fail(threadDumpInFlight, result, problem);
                    } catch (RuntimeException unexpected) {
                        fail(threadDumpInFlight, result, unexpected);
                    }
                });
            } catch (RejectedExecutionException e) {
                fail(threadDumpInFlight, result, closedForHistogram());
            }
        };
        try {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            poller.execute(handOver);
        } catch (RejectedExecutionException e) {
            fail(threadDumpInFlight, result, closedForHistogram());
        }
        return result;
    }

    /**
     * Completes an on-demand result after clearing its in-flight flag, so whoever the result wakes may ask again at
     * once (a flag cleared by a callback of the result itself may still be set when the caller's {@code get} returns).
     */
    private static <T> void succeed(AtomicBoolean inFlight, CompletableFuture<T> result, T value) {
        inFlight.set(false);
        result.complete(value);
    }

    private static <T> void fail(AtomicBoolean inFlight, CompletableFuture<T> result, Throwable failure) {
        inFlight.set(false);
        result.completeExceptionally(failure);
    }

    private TargetProblem notConnectedForHistogram() {
        String why = spec.jmx() == null
                ? spec.name() + " has no JMX address: a class histogram needs a JMX connection to the JVM."
                : spec.name() + " is not connected over JMX right now; take the histogram once it is connected again.";
        return new TargetProblem(TargetProblem.Kind.OTHER, why);
    }

    private TargetProblem closedForHistogram() {
        return new TargetProblem(TargetProblem.Kind.CANCELLED, "The connection to " + spec.name() + " was closed.");
    }

    /** Tries a FAILED session again, at once. */
    public void retry() {
        submit(() -> {
            // a channelz-only target that connected once retries by itself every tick: a second loop would double it
            boolean pollingChannelz = spec.jmx() == null && everConnected;
            if (connection == null && !pollingChannelz) {
                backoff.reset();
                cancelScheduled();
                connect(everConnected ? TargetState.RECONNECTING : TargetState.CONNECTING);
            }
        });
    }

    /**
     * Stops polling and closes the connection; returns at once, from any thread (a closing JMX connection can take
     * seconds: the poller thread does it). A connection attempt in flight ends under its own deadline and is then
     * closed unused.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            poller.execute(this::closeOnPoller);
        } catch (RejectedExecutionException e) {
            // already shut down: nothing of ours is open
        }
        poller.shutdown();
        histograms.shutdown();
        threadDumps.shutdown();
    }

    private void closeOnPoller() {
        cancelScheduled();
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (channelz != null) {
            channelz.close();
        }
        listener.onStatus(TargetStatus.of(TargetState.STOPPED, "Disconnected."));
    }

    private void connect(TargetState connectingState) {
        if (closed) {
            return;
        }
        String verb = connectingState == TargetState.CONNECTING ? "Connecting to " : "Reconnecting to ";
        listener.onStatus(TargetStatus.of(connectingState, verb + spec.describe() + "…"));
        if (spec.jmx() == null) {
            connectChannelzOnly();
            return;
        }
        JvmConnection opened;
        try {
            opened = connector.connect(spec.jmx(), timeouts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (TargetProblem problem) {
            connectFailed(problem);
            return;
        }
        if (closed) {
            opened.close();
            return;
        }
        int generation = ++connectionGeneration;
        opened.onLost(problem -> submit(() -> lost(generation, problem)));
        try {
            opened.subscribeGc(this::acceptGcEvent);
        } catch (TargetProblem problem) {
            opened.close();
            connectFailed(problem);
            return;
        }
        connection = opened;
        everConnected = true;
        backoff.reset();
        String note = Stream.of(opened.routeNote(), opened.limits())
                .flatMap(Optional::stream)
                .collect(Collectors.joining(" "));
        listener.onStatus(new TargetStatus(
                TargetState.CONNECTED,
                "Connected to " + opened.identity().name() + " at " + spec.describe() + "."
                        + (note.isEmpty() ? "" : " " + note),
                null,
                0,
                note));
        nextPollAtNanos = System.nanoTime();
        schedulePoll();
    }

    private void connectFailed(TargetProblem problem) {
        if (everConnected) {
            scheduleReconnect(TargetState.RECONNECTING, problem, RETRYING);
        } else if (waitForFirstConnection && problem.mayPassByItself()) {
            scheduleReconnect(TargetState.CONNECTING, problem, " Trying again in %d s.");
        } else {
            listener.onStatus(new TargetStatus(TargetState.FAILED, problem.getMessage(), problem, 0));
        }
    }

    /** @param retryText what follows the problem's message, with the delay in seconds as its one {@code %d} */
    private void scheduleReconnect(TargetState state, TargetProblem problem, String retryText) {
        Duration delay = backoff.next();
        long nextAttempt = System.currentTimeMillis() + delay.toMillis();
        listener.onStatus(new TargetStatus(
                state, problem.getMessage() + String.format(retryText, delay.toSeconds()), problem, nextAttempt));
        nextPoll = poller.schedule(() -> connect(state), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void schedulePoll() {
        long now = System.nanoTime();
        nextPollAtNanos = nextDue(nextPollAtNanos, now, interval.toNanos());
        nextPoll = poller.schedule(this::poll, nextPollAtNanos - now, TimeUnit.NANOSECONDS);
    }

    /**
     * When the poll after one due at {@code previousDue} is due: one step later, on the same grid. Fixed rate without
     * catch-up: a slow tick skips the slots it overran rather than firing a burst of polls afterwards, so the next is
     * never due before {@code now} and never more than a step after it.
     */
    static long nextDue(long previousDue, long now, long step) {
        long due = previousDue + step;
        if (due <= now) {
            due = now + step - ((now - due) % step);
        }
        return due;
    }

    /**
     * A target known only by its channelz service: one refresh, waited for under its deadline, proves it reachable;
     * after that each tick starts a refresh and failures show as reconnecting until one succeeds again.
     */
    private void connectChannelzOnly() {
        try {
            ChannelzSnapshot first = channelz.refreshNow();
            acceptChannelz(new ChannelzUpdate(first.takenAt(), first, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (TargetProblem problem) {
            connectFailed(problem);
            return;
        }
        everConnected = true;
        listener.onStatus(TargetStatus.of(TargetState.CONNECTED, "Connected to " + spec.describe() + "."));
        nextPollAtNanos = System.nanoTime();
        schedulePoll();
    }

    private void acceptChannelz(ChannelzUpdate update) {
        if (closed) {
            return;
        }
        listener.onChannelz(update);
        if (spec.jmx() == null && everConnected) {
            // the channelz-only target's state follows its refreshes (the JVM's state rules it otherwise)
            boolean healthy = update.succeeded();
            if (healthy != channelzHealthy) {
                channelzHealthy = healthy;
                listener.onStatus(
                        healthy
                                ? TargetStatus.of(TargetState.CONNECTED, "Connected to " + spec.describe() + ".")
                                : new TargetStatus(
                                        TargetState.RECONNECTING,
                                        update.problem().getMessage() + " Retrying every tick; history is kept.",
                                        update.problem(),
                                        0));
            }
        }
    }

    private void poll() {
        if (closed) {
            return;
        }
        if (channelz != null) {
            channelz.poll();
        }
        if (spec.jmx() == null) {
            schedulePoll();
            return;
        }
        if (connection == null) {
            return;
        }
        JvmSample sample;
        try {
            sample = connection.sample();
        } catch (TargetProblem problem) {
            lost(connectionGeneration, problem);
            return;
        }
        BridgeStreams streams;
        try {
            LifetimePolicy policy =
                    LifetimeChoice.choose(userLifetime, lastStreams).policy();
            streams = connection.readStreams(streamRows, policy).orElse(null);
            lastStreams = streams;
        } catch (TargetProblem problem) {
            lost(connectionGeneration, problem);
            return;
        }
        List<GcEvent> events = drainGcEvents();
        events.addAll(missedCollections.recover(connection.identity().startEpochMillis(), sample, events));
        listener.onTick(new TargetTick(connection.identity(), sample, events, gapPending, streams));
        gapPending = false;
        schedulePoll();
    }

    private void lost(int generation, TargetProblem problem) {
        if (generation != connectionGeneration || connection == null || closed) {
            return; // a late report from a connection we already replaced
        }
        cancelScheduled();
        JvmConnection broken = connection;
        connection = null;
        broken.close();
        gapPending = true;
        scheduleReconnect(TargetState.RECONNECTING, problem, RETRYING);
    }

    private void acceptGcEvent(GcEvent event) {
        // when full the event is dropped: the collectors' totals recover what we drop here
        notifiedGc.offer(event);
    }

    private List<GcEvent> drainGcEvents() {
        List<GcEvent> events = new ArrayList<>();
        notifiedGc.drainTo(events);
        return events;
    }

    private void cancelScheduled() {
        if (nextPoll != null) {
            nextPoll.cancel(false);
            nextPoll = null;
        }
    }

    private void submit(Runnable task) {
        if (!closed) {
            try {
                poller.execute(task);
            } catch (RejectedExecutionException e) {
                // closed between the check and the call: nothing left to do
            }
        }
    }
}
