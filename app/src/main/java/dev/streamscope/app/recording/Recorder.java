package dev.streamscope.app.recording;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.OldGenerationPools;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.lifetime.LifetimeChoice;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.series.ChannelzRecorder;
import dev.streamscope.app.series.JvmRecorder;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TimeSeriesBuffer;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.session.TargetStatus;
import dev.streamscope.app.session.TargetTick;
import dev.streamscope.app.streams.LiveSetPoint;
import dev.streamscope.app.streams.LiveSetTrend;
import dev.streamscope.app.streams.LiveSetTrend.LiveSetEstimate;
import dev.streamscope.app.threads.ThreadAnalysis;
import dev.streamscope.app.threads.ThreadReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One target's recording, the one path from session output to history: series, GC events, stream analysis, the latest
 * channelz tree and the notes a summary needs (outages, restarts, waits). The window projects it on screen, the
 * headless capture and Save recording write it; neither records anything on its own.
 *
 * <p>Written by one thread, like the {@link SeriesStore} it owns: its live recording's thread, which holds a lock while
 * it writes so that the window's charts can read between batches.
 */
public final class Recorder {

    /** Notes beyond this many are counted, not kept: a flapping target cannot grow memory. */
    private static final int MAX_NOTES = 1_000;

    private final String target;
    private final boolean hasJvm;
    private final boolean hasChannelz;
    private final SeriesStore store;
    private final ChannelzRecorder channelzRecorder = new ChannelzRecorder();
    private final StreamsAnalysis streams = new StreamsAnalysis();
    private final List<String> notes = new ArrayList<>();
    private final TickCosts tickCosts = new TickCosts();
    private final ThreadAnalysis threads = new ThreadAnalysis();
    /** The findings of a recording read from a folder, or null while live. */
    private ThreadReport restoredThreads;

    private int droppedNotes;

    private long samples;
    private JvmIdentity identity;
    private JvmSample lastSample;
    private long heapUsedMin = Long.MAX_VALUE;
    private long heapUsedMax = Long.MIN_VALUE;
    private Long oldGenAfterGcFirst;
    private Long oldGenAfterGcLast;

    /** When the first and the latest sample or channelz snapshot were taken; 0 before the first. */
    private long firstDataEpochMillis;

    private long lastDataEpochMillis;

    private long channelzSnapshots;
    private ChannelzSnapshot lastSnapshot;
    private boolean channelzFailing;
    private String channelzProblem;

    private TargetState state = TargetState.CONNECTING;
    private String statusMessage = "";
    /** The last connection's note, so that reconnecting the same way notes it once. */
    private String connectionNote = "";

    private Instant outageStart;
    private boolean failed;
    private Instant waitingSince;
    private String waitingReason;
    private String lastProblem;

    private LiveSetInput liveSetInput;
    private LiveSetEstimate liveSet;
    /** A recording read back has no samples: its summary carries the old generation's max for the projection. */
    private long restoredOldGenMaxBytes = -1;

    /**
     * @param target how the target is named in notes: "host:9010 and channelz host:50051"
     * @param hasJvm whether the target has a JVM side (JMX)
     * @param hasChannelz whether it has a channelz side
     */
    public Recorder(String target, boolean hasJvm, boolean hasChannelz) {
        this(target, hasJvm, hasChannelz, new SeriesStore());
    }

    /** A recording around an existing store: one read back from a recording folder. */
    public Recorder(String target, boolean hasJvm, boolean hasChannelz, SeriesStore store) {
        this.target = Objects.requireNonNull(target, "target");
        this.hasJvm = hasJvm;
        this.hasChannelz = hasChannelz;
        this.store = Objects.requireNonNull(store, "store");
    }

    public String target() {
        return target;
    }

    public boolean hasJvm() {
        return hasJvm;
    }

    public boolean hasChannelz() {
        return hasChannelz;
    }

    public SeriesStore store() {
        return store;
    }

    /**
     * The user's lifetimes that decide which streams are overdue, or null to use the service's own (from its bridge),
     * else the default; channelz bounds use them from the next refresh on.
     */
    public void setLifetime(LifetimePolicy policy) {
        streams.setLifetime(policy);
    }

    /** The lifetimes in force and whose they are. */
    /** Over how long open streams must climb on a connection to count as growing (60 s unless set). */
    public void setTrendWindow(Duration window) {
        streams.setTrendWindow(window);
    }

    public Duration trendWindow() {
        return streams.trendWindow();
    }

    public LifetimeChoice lifetime() {
        return streams.lifetime();
    }

    public StreamsState streams() {
        return streams.state();
    }

    public long samples() {
        return samples;
    }

    public long channelzSnapshots() {
        return channelzSnapshots;
    }

    public JvmIdentity identity() {
        return identity;
    }

    /** The latest JVM sample, or null before the first. */
    public JvmSample lastSample() {
        return lastSample;
    }

    /** The latest channelz tree, or null before the first successful refresh. */
    public ChannelzSnapshot lastSnapshot() {
        return lastSnapshot;
    }

    /** Why the latest channelz refresh failed, or null while refreshes succeed. */
    public String channelzProblem() {
        return channelzFailing ? channelzProblem : null;
    }

    public TargetState state() {
        return state;
    }

    /** What the user should know of the latest connection (a tunnel, a transport's limits), else empty. */
    public String connectionNote() {
        return connectionNote;
    }

    public String statusMessage() {
        return statusMessage;
    }

    /** True once the first connection failed for good (a wrong host, protocol or credential). */
    public boolean failed() {
        return failed;
    }

    /** Why the first connection has not succeeded yet while the session keeps trying, or null. */
    public String waitingReason() {
        return waitingReason;
    }

    /** The latest problem any status reported, or null: why a target that never connected did not. */
    public String lastProblem() {
        return lastProblem;
    }

    /** True when nothing at all was recorded: no sample and no channelz snapshot. */
    public boolean nothingRecorded() {
        return samples == 0 && channelzSnapshots == 0;
    }

    /** How long the recording covered: from its first sample or channelz snapshot to its latest. */
    public Duration covered() {
        return Duration.ofMillis(lastDataEpochMillis - firstDataEpochMillis);
    }

    private void recordedAt(long epochMillis) {
        if (firstDataEpochMillis == 0) {
            firstDataEpochMillis = epochMillis;
        }
        lastDataEpochMillis = Math.max(lastDataEpochMillis, epochMillis);
    }

    /** What a tick costs the target, averaged over the last ten (one full read and nine light ones). */
    public PollCost meanTickCost() {
        return tickCosts.mean();
    }

    /** The time of the latest JVM sample, or 0 before the first. */
    public long lastSampleEpochMillis() {
        return lastSample == null ? 0 : lastSample.epochMillis();
    }

    public long heapUsedMin() {
        return heapUsedMin;
    }

    public long heapUsedMax() {
        return heapUsedMax;
    }

    /**
     * The live-set trend: a fit through the old generation after each collection, judged against the old generation's
     * max from the last sample; no trend, with a reason, until enough collections were seen.
     */
    public LiveSetEstimate liveSet() {
        // the window's old-generation chart asks on every redraw; the fit changes only with a collection or the max
        TimeSeriesBuffer series = store.find(SeriesKeys.OLD_GEN_USED_AFTER_GC).orElse(null);
        long maxBytes = oldGenMaxBytes();
        LiveSetInput input = series == null || series.isEmpty()
                ? new LiveSetInput(0, 0, 0, maxBytes)
                : new LiveSetInput(series.size(), series.oldestTime(), series.newestTime(), maxBytes);
        if (!input.equals(liveSetInput)) {
            liveSet = LiveSetTrend.of(collections(series), maxBytes);
            liveSetInput = input;
        }
        return liveSet;
    }

    private static List<LiveSetPoint> collections(TimeSeriesBuffer series) {
        List<LiveSetPoint> points = new ArrayList<>();
        for (int index = 0; series != null && index < series.size(); index++) {
            double value = series.valueAt(index);
            if (!Double.isNaN(value)) { // NaN marks a gap, not a collection
                points.add(new LiveSetPoint(Instant.ofEpochMilli(series.timeAt(index)), (long) value));
            }
        }
        return points;
    }

    /** What the last live-set fit was made from: the same input gives the same fit. */
    private record LiveSetInput(int size, long oldest, long newest, long maxBytes) {}

    /** The old generation's max from the last sample (or the recording read back), or -1 when unknown or unset. */
    long oldGenMaxBytes() {
        if (lastSample == null) {
            return restoredOldGenMaxBytes;
        }
        return lastSample.pools().stream()
                .filter(pool -> pool.heap() && OldGenerationPools.isOldGeneration(pool.name()))
                .filter(pool -> pool.usage().hasMax())
                .mapToLong(pool -> pool.usage().max())
                .findFirst()
                .orElse(-1);
    }

    public Long oldGenAfterGcFirst() {
        return oldGenAfterGcFirst;
    }

    public Long oldGenAfterGcLast() {
        return oldGenAfterGcLast;
    }

    public void record(TargetStatus status, Instant at) {
        statusMessage = status.message();
        if (status.problem() != null) {
            lastProblem = status.message();
        }
        switch (status.state()) {
            case RECONNECTING -> {
                if (outageStart == null) {
                    outageStart = at;
                    note(at + ": lost " + target + ": " + status.message());
                }
            }
            case CONNECTING -> {
                // a first connection the session keeps trying (the target may still be starting)
                if (status.problem() != null) {
                    waitingReason = status.message();
                    if (waitingSince == null) {
                        waitingSince = at;
                        note(at + ": could not reach " + target + " yet, kept trying: " + status.message());
                    }
                }
            }
            case CONNECTED -> {
                if (!status.connectionNote().isEmpty()
                        && !status.connectionNote().equals(connectionNote)) {
                    note(at + ": " + status.connectionNote());
                }
                connectionNote = status.connectionNote();
                if (waitingSince != null) {
                    note(at + ": reached " + target + " after trying since " + waitingSince);
                    waitingSince = null;
                    waitingReason = null;
                }
                if (outageStart != null) {
                    note(at + ": reconnected to " + target + " after an outage of "
                            + DurationText.age(Duration.between(outageStart, at)) + " (the charts show the gap)");
                    outageStart = null;
                }
            }
            case FAILED -> {
                failed = true;
                note(at + ": could not reach " + target + ": " + status.message());
            }
            default -> {
                // STOPPED says nothing the summary needs
            }
        }
        if (status.state() != TargetState.STOPPED) {
            state = status.state();
        }
    }

    public void record(TargetTick tick) {
        JvmSample sample = tick.sample();
        if (tick.afterGap() && lastSample != null) {
            store.markGap(lastSample.epochMillis() + 1); // no line across the outage
        }
        if (identity != null && identity.startEpochMillis() != tick.identity().startEpochMillis()) {
            note(Instant.ofEpochMilli(sample.epochMillis()) + ": the target restarted: " + identity.name() + " is now "
                    + tick.identity().name() + "; the JVM's counters started again from zero");
        }
        identity = tick.identity();
        JvmRecorder.record(sample, store);
        for (GcEvent event : tick.gcEvents()) {
            JvmRecorder.record(event, store);
            if (event.oldGenAfterGcBytes() >= 0) {
                if (oldGenAfterGcFirst == null) {
                    oldGenAfterGcFirst = event.oldGenAfterGcBytes();
                }
                oldGenAfterGcLast = event.oldGenAfterGcBytes();
            }
        }
        streams.onTick(tick.streams(), store);
        tickCosts.add(sample.cost());
        heapUsedMin = Math.min(heapUsedMin, sample.heap().used());
        heapUsedMax = Math.max(heapUsedMax, sample.heap().used());
        lastSample = sample;
        samples++;
        recordedAt(sample.epochMillis());
    }

    public void record(ChannelzUpdate update) {
        if (update.succeeded()) {
            ChannelzSnapshot snapshot = update.snapshot();
            channelzRecorder.record(snapshot, store);
            streams.onChannelz(snapshot, store);
            lastSnapshot = snapshot;
            channelzSnapshots++;
            recordedAt(update.at().toEpochMilli());
            if (channelzFailing && hasJvm) {
                note(update.at() + ": channelz refreshes work again");
            }
            channelzFailing = false;
            return;
        }
        channelzRecorder.forgetPrevious();
        channelzProblem = update.problem().getMessage();
        if (!channelzFailing) {
            // break channelz's lines at the outage, in the window and the capture alike
            long at = update.at().toEpochMilli();
            store.markGapStartingWith(at, SeriesKeys.GRPC_PREFIX);
            if (streams.state().source() == StreamsState.Source.CHANNELZ) {
                store.markGapStartingWith(at, SeriesKeys.STREAMS_PREFIX);
            }
            if (hasJvm) {
                note(update.at() + ": channelz refresh failed: " + channelzProblem);
            }
        }
        channelzFailing = true;
    }

    /** Applies a thread dump to the thread rules; dumps arrive in time order. */
    public ThreadReport record(ThreadDump dump) {
        return threads.apply(dump);
    }

    /** The last thread dump, its pools and the findings so far ({@link ThreadReport#EMPTY} before the first dump). */
    public ThreadReport threads() {
        return restoredThreads != null ? restoredThreads : threads.report();
    }

    /** Puts back the thread findings of a recording read from a folder. */
    public void restoreThreads(ThreadReport report) {
        restoredThreads = report;
    }

    /**
     * Puts back the end of a recording read from a folder: its stream view, last channelz tree and the old
     * generation's max (null when unknown), so its live-set trend projects as it did. The store was filled already;
     * the recording takes no ticks after this.
     */
    public void restore(StreamsState streamsAtEnd, ChannelzSnapshot lastChannelz, Long oldGenMaxBytes) {
        restoredOldGenMaxBytes = oldGenMaxBytes == null ? -1 : oldGenMaxBytes;
        streams.restore(streamsAtEnd);
        lastSnapshot = lastChannelz;
        state = TargetState.STOPPED;
    }

    /** What happened besides the samples, oldest first: outages, restarts, waits; each line starts with its time. */
    public List<String> notes() {
        if (droppedNotes == 0) {
            return List.copyOf(notes);
        }
        List<String> all = new ArrayList<>(notes);
        all.add(droppedNotes + " more events were not kept");
        return List.copyOf(all);
    }

    /** Notes for the end of a recording: what was still wrong at {@code end}. */
    List<String> openEndNotes(Instant end) {
        List<String> open = new ArrayList<>();
        if (outageStart != null) {
            open.add(end + ": " + target + " was still unreachable at the end, since " + outageStart);
        }
        if (waitingSince != null) {
            open.add(end + ": could not reach " + target + " at any time since " + waitingSince
                    + "; the last try said: " + waitingReason);
        }
        return open;
    }

    private void note(String line) {
        if (notes.size() < MAX_NOTES) {
            notes.add(line);
        } else {
            droppedNotes++;
        }
    }
}
