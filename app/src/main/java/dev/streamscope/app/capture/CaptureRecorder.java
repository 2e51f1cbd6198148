package dev.streamscope.app.capture;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ChannelzTotals;
import dev.streamscope.app.chart.ChannelzCharts;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.jmx.CollectorTotals;
import dev.streamscope.app.jmx.GcEvent;
import dev.streamscope.app.jmx.JvmIdentity;
import dev.streamscope.app.jmx.JvmSample;
import dev.streamscope.app.series.ChannelzRecorder;
import dev.streamscope.app.series.GcEventLog;
import dev.streamscope.app.series.JvmRecorder;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.session.TargetStatus;
import dev.streamscope.app.session.TargetTick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A capture's history and what the summary needs beyond it: the series store and charts (as the window keeps them,
 * see the ui's TargetCharts), the extremes over the capture, and the outages with their times.
 *
 * <p>Confined to the capture thread, like the {@link SeriesStore} it owns.
 */
final class CaptureRecorder {

    private final TargetSpec target;
    private final Duration interval;
    private final SeriesStore store = new SeriesStore();
    private final ChannelzRecorder channelzRecorder = new ChannelzRecorder();
    private final List<LiveChart> charts;
    private final List<String> errors = new ArrayList<>();

    private long samples;
    private JvmIdentity identity;
    private JvmSample lastSample;
    private long heapUsedMin = Long.MAX_VALUE;
    private long heapUsedMax = Long.MIN_VALUE;
    private Long oldGenAfterGcFirst;
    private Long oldGenAfterGcLast;

    private long channelzSnapshots;
    private ChannelzSnapshot lastSnapshot;
    private boolean channelzFailing;

    private TargetState state = TargetState.CONNECTING;
    private Instant outageStart;
    private boolean failed;
    /** When the first connection was first refused or timed out, while the session keeps trying; null otherwise. */
    private Instant waitingSince;

    private String waitingReason;

    CaptureRecorder(TargetSpec target, Duration interval) {
        this.target = Objects.requireNonNull(target, "target");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.charts = ChannelzCharts.forTarget(target.jmx() != null, target.channelz() != null).stream()
                .map(definition -> new LiveChart(definition, store))
                .toList();
    }

    SeriesStore store() {
        return store;
    }

    List<LiveChart> charts() {
        return charts;
    }

    long samples() {
        return samples;
    }

    JvmSample lastSample() {
        return lastSample;
    }

    /** True once the first connection failed for good (a wrong host, protocol or credential): so does the capture. */
    boolean failed() {
        return failed;
    }

    TargetState state() {
        return state;
    }

    /** Why the first connection has not succeeded yet while the session keeps trying, or null. */
    String waitingReason() {
        return waitingReason;
    }

    void record(TargetStatus status, Instant at) {
        switch (status.state()) {
            case RECONNECTING -> {
                if (outageStart == null) {
                    outageStart = at;
                    errors.add(at + ": lost " + target.describe() + ": " + status.message());
                }
            }
            case CONNECTING -> {
                // a first connection the session keeps trying (the target may still be starting)
                if (status.problem() != null) {
                    waitingReason = status.message();
                    if (waitingSince == null) {
                        waitingSince = at;
                        errors.add(at + ": could not reach " + target.describe() + " yet, kept trying: "
                                + status.message());
                    }
                }
            }
            case CONNECTED -> {
                if (waitingSince != null) {
                    errors.add(at + ": reached " + target.describe() + " after trying since " + waitingSince);
                    waitingSince = null;
                    waitingReason = null;
                }
                if (outageStart != null) {
                    errors.add(at + ": reconnected to " + target.describe() + " after an outage of "
                            + DurationText.age(Duration.between(outageStart, at)) + " (the charts show the gap)");
                    outageStart = null;
                }
            }
            case FAILED -> {
                failed = true;
                errors.add(at + ": could not reach " + target.describe() + ": " + status.message());
            }
            default -> {
                // STOPPED says nothing the summary needs
            }
        }
        if (status.state() != TargetState.STOPPED) {
            state = status.state();
        }
    }

    void record(TargetTick tick) {
        JvmSample sample = tick.sample();
        if (tick.afterGap() && lastSample != null) {
            store.markGap(lastSample.epochMillis() + 1); // as the window does: no line across the outage
        }
        if (identity != null && identity.startEpochMillis() != tick.identity().startEpochMillis()) {
            errors.add(Instant.ofEpochMilli(sample.epochMillis()) + ": the target restarted: " + identity.name()
                    + " is now " + tick.identity().name() + "; the JVM's counters started again from zero");
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
        heapUsedMin = Math.min(heapUsedMin, sample.heap().used());
        heapUsedMax = Math.max(heapUsedMax, sample.heap().used());
        lastSample = sample;
        samples++;
    }

    void record(ChannelzUpdate update) {
        boolean channelzOnly = target.jmx() == null;
        if (update.succeeded()) {
            channelzRecorder.record(update.snapshot(), store);
            lastSnapshot = update.snapshot();
            channelzSnapshots++;
            if (channelzFailing && !channelzOnly) {
                errors.add(update.at() + ": channelz refreshes work again");
            }
            channelzFailing = false;
            return;
        }
        channelzRecorder.forgetPrevious();
        if (!channelzFailing) {
            if (channelzOnly) {
                // every series is channelz's: break the lines here (the session's status reports the outage)
                store.markGap(update.at().toEpochMilli());
            } else {
                errors.add(update.at() + ": channelz refresh failed: "
                        + update.problem().getMessage());
            }
        }
        channelzFailing = true;
    }

    /** True when nothing at all was recorded: no sample and no channelz snapshot. */
    boolean nothingRecorded() {
        return samples == 0 && channelzSnapshots == 0;
    }

    ChannelzSnapshot lastSnapshot() {
        return lastSnapshot;
    }

    Summary summary(Instant start, Instant end, StreamsReport streams) {
        List<String> summaryErrors = new ArrayList<>(errors);
        if (outageStart != null) {
            summaryErrors.add(
                    end + ": " + target.describe() + " was still unreachable at the end, since " + outageStart);
        }
        if (waitingSince != null) {
            summaryErrors.add(end + ": could not reach " + target.describe() + " at any time since " + waitingSince
                    + "; the last try said: " + waitingReason);
        }
        Verdict verdict = verdict(streams);
        Summary.Jvm jvm = identity == null
                ? null
                : new Summary.Jvm(
                        identity.name(),
                        identity.vmName(),
                        identity.vmVendor(),
                        identity.vmVersion(),
                        lastSample.uptimeMillis());
        Summary.Target targetSection = new Summary.Target(
                target.jmx() == null ? null : target.jmx().address(),
                target.channelz() == null ? null : target.channelz().address().authority(),
                jvm);
        Summary.Window window = new Summary.Window(
                start.toString(),
                end.toString(),
                target.jmx() != null ? samples : channelzSnapshots,
                interval.toMillis(),
                channelzSnapshots);
        if (target.jmx() == null) {
            summaryErrors.add("heap, gc, threads, target.jvm: no --jmx was given; they come from the JVM over JMX");
        } else if (lastSample == null) {
            summaryErrors.add("heap, gc, threads, target.jvm: no JVM sample was taken");
        } else if (!lastSample.heap().hasMax()) {
            summaryErrors.add("heap.maxBytes: the JVM defines no heap maximum");
        }
        Summary.Gc gc = lastSample == null ? null : gc(summaryErrors);
        if (target.channelz() == null) {
            summaryErrors.add("channelz: no --channelz was given");
        } else if (lastSnapshot == null) {
            summaryErrors.add("channelz: no channelz snapshot was taken");
        }
        if (lastSample != null && oldGenAfterGcFirst == null) {
            summaryErrors.add("heap.oldGenAfterGcBytes: no collection during the capture reported the old"
                    + " generation's usage");
        }
        for (String error : streams.errors()) {
            if (!summaryErrors.contains(error)) {
                summaryErrors.add(error);
            }
        }
        return new Summary(
                targetSection,
                window,
                lastSample == null ? null : heap(),
                gc,
                lastSample == null
                        ? null
                        : new Summary.Threads(
                                lastSample.threads().live(),
                                lastSample.threads().peak()),
                lastSnapshot == null ? null : channelz(lastSnapshot),
                Summary.Streams.of(streams.summary()),
                verdict.wireName(),
                summaryErrors);
    }

    Verdict verdict(StreamsReport streams) {
        if (nothingRecorded()) {
            return Verdict.TARGET_UNREACHABLE;
        }
        return streams.overdueFound() ? Verdict.OVERDUE_STREAMS : Verdict.HEALTHY;
    }

    private Summary.Heap heap() {
        return new Summary.Heap(
                new Summary.MinMaxLast(
                        heapUsedMin, heapUsedMax, lastSample.heap().used()),
                lastSample.heap().committed(),
                lastSample.heap().hasMax() ? lastSample.heap().max() : null,
                new Summary.FirstLast(oldGenAfterGcFirst, oldGenAfterGcLast));
    }

    private Summary.Gc gc(List<String> summaryErrors) {
        Map<String, Summary.CollectorTotals> byCollector = new LinkedHashMap<>();
        long collections = 0;
        for (CollectorTotals totals : lastSample.collectors()) {
            byCollector.put(
                    totals.name(),
                    new Summary.CollectorTotals(totals.collectionCount(), totals.collectionTimeMillis()));
            collections += Math.max(0, totals.collectionCount());
        }
        GcEventLog log = store.gcEvents();
        long duringCapture = 0;
        long pauseTotal = 0;
        List<Long> pauses = new ArrayList<>();
        for (int index = 0; index < log.size(); index++) {
            GcEvent event = log.get(index);
            duringCapture += event.recovered() ? event.recoveredCount() : 1;
            if (event.concurrent()) {
                continue;
            }
            pauseTotal += event.durationMillis();
            if (!event.recovered()) {
                pauses.add(event.durationMillis()); // a recovered point is several pauses summed: not one pause
            }
        }
        if (pauses.isEmpty()) {
            summaryErrors.add("gc.pauseMillis.max, gc.pauseMillis.p99: no single pause was seen during the capture");
        }
        pauses.sort(null);
        Long max = pauses.isEmpty() ? null : pauses.get(pauses.size() - 1);
        Long p99 = pauses.isEmpty() ? null : pauses.get(nearestRank(pauses.size(), 0.99) - 1);
        return new Summary.Gc(collections, duringCapture, new Summary.Pauses(pauseTotal, max, p99), byCollector);
    }

    /** The 1-based nearest rank of percentile {@code share} among {@code count} sorted values. */
    static int nearestRank(int count, double share) {
        return Math.max(1, (int) Math.ceil(share * count));
    }

    private static Summary.Channelz channelz(ChannelzSnapshot snapshot) {
        ChannelzTotals totals = snapshot.totals();
        Summary.CallCounts client =
                new Summary.CallCounts(totals.callsStarted(), totals.callsSucceeded(), totals.callsFailed());
        Summary.CallCounts server = new Summary.CallCounts(
                totals.serverCallsStarted(), totals.serverCallsSucceeded(), totals.serverCallsFailed());
        return new Summary.Channelz(
                totals.topChannels(),
                totals.subchannels(),
                snapshot.servers().size(),
                totals.clientSockets(),
                totals.serverSockets(),
                new Summary.OpenStreams(totals.clientOpenStreams(), totals.serverOpenStreams()),
                new Summary.Calls(
                        client.started() + server.started(),
                        client.succeeded() + server.succeeded(),
                        client.failed() + server.failed(),
                        client,
                        server));
    }
}
