package dev.streamscope.app.recording;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.Version;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ChannelzTotals;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.series.GcEventLog;
import dev.streamscope.app.streams.LiveSetTrend.LiveSetEstimate;
import dev.streamscope.app.threads.ThreadReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a recording's summary.json content from its {@link Recorder}: the same for a headless capture and a recording
 * saved from the window. What the recording cannot supply is null, and the errors say why.
 */
public final class Summaries {

    /** How summary.json's errors start the line that says why the verdict is inconclusive. */
    public static final String INCONCLUSIVE_ERROR = "verdict: inconclusive: ";

    private Summaries() {}

    /**
     * @param jmx the JMX address as given, or null without one
     * @param channelz the channelz address, or null without one
     * @param extraErrors what the caller knows went wrong besides the recording (dropped events, left-out charts)
     */
    public static Summary summarize(
            Recorder recorder,
            String jmx,
            String channelz,
            Instant start,
            Instant end,
            Duration interval,
            StreamsReport streams,
            List<String> extraErrors) {
        return summarize(recorder, jmx, channelz, start, end, interval, streams, extraErrors, null);
    }

    /**
     * A summary that also holds the class histograms taken at the start and the end.
     *
     * @param histograms null when none were asked for; a missing one is named in the errors with its reason
     */
    public static Summary summarize(
            Recorder recorder,
            String jmx,
            String channelz,
            Instant start,
            Instant end,
            Duration interval,
            StreamsReport streams,
            List<String> extraErrors,
            HistogramPair histograms) {
        List<String> errors = new ArrayList<>(recorder.notes());
        errors.addAll(recorder.openEndNotes(end));
        if (recorder.nothingRecorded() && recorder.lastProblem() != null) {
            errors.add("nothing was recorded: " + recorder.lastProblem());
        }
        JvmSample lastSample = recorder.lastSample();
        JvmIdentity identity = recorder.identity();
        Summary.Jvm jvm = identity == null
                ? null
                : new Summary.Jvm(
                        identity.name(),
                        identity.vmName(),
                        identity.vmVendor(),
                        identity.vmVersion(),
                        lastSample.uptimeMillis());
        Summary.Window window = new Summary.Window(
                start.toString(),
                end.toString(),
                recorder.hasJvm() ? recorder.samples() : recorder.channelzSnapshots(),
                interval.toMillis(),
                recorder.channelzSnapshots());
        if (!recorder.hasJvm()) {
            errors.add("heap, gc, threads, target.jvm: no --jmx was given; they come from the JVM over JMX");
        } else if (lastSample == null) {
            errors.add("heap, gc, threads, target.jvm: no JVM sample was taken");
        } else if (!lastSample.heap().hasMax()) {
            errors.add("heap.maxBytes: the JVM defines no heap maximum");
        }
        Summary.Gc gc = lastSample == null ? null : gc(recorder, errors);
        ChannelzSnapshot lastSnapshot = recorder.lastSnapshot();
        if (!recorder.hasChannelz()) {
            errors.add("channelz: no --channelz was given");
        } else if (lastSnapshot == null) {
            errors.add("channelz: no channelz snapshot was taken");
        }
        if (lastSample != null && recorder.oldGenAfterGcFirst() == null) {
            errors.add("heap.oldGenAfterGcBytes: no collection during the recording reported the old generation's"
                    + " usage");
        }
        for (String error : streams.errors()) {
            if (!errors.contains(error)) {
                errors.add(error);
            }
        }
        errors.addAll(extraErrors);
        Verdict verdict = verdict(recorder, streams);
        if (verdict == Verdict.INCONCLUSIVE) {
            errors.add(INCONCLUSIVE_ERROR + tooShortToProve(recorder));
        }
        if (histograms != null) {
            histogramErrors(histograms, errors);
        }
        return new Summary(
                Summary.FORMAT,
                Version.current(),
                new Summary.Target(jmx, channelz, jvm),
                window,
                lastSample == null ? null : heap(recorder, errors),
                gc,
                lastSample == null
                        ? null
                        : new Summary.Threads(
                                lastSample.threads().live(),
                                lastSample.threads().peak(),
                                threadDumps(recorder.threads()),
                                threadFindings(recorder.threads())),
                lastSnapshot == null ? null : channelz(lastSnapshot),
                Summary.Streams.of(streams.summary(), recorder.streams()),
                histograms == null || !histograms.anyTaken() ? null : Summary.Histogram.of(histograms),
                verdict.wireName(),
                errors);
    }

    private static Integer threadDumps(ThreadReport threads) {
        return threads.samples() == 0 && threads.all().isEmpty() ? null : threads.samples();
    }

    private static List<Summary.ThreadFindingLine> threadFindings(ThreadReport threads) {
        if (threads.samples() == 0 && threads.all().isEmpty()) {
            return null;
        }
        return threads.all().stream()
                .map(finding -> new Summary.ThreadFindingLine(
                        finding.kind().name(),
                        finding.subject(),
                        finding.frame(),
                        finding.firstSeen().toString(),
                        finding.lastSeen().toString()))
                .toList();
    }

    public static Verdict verdict(Recorder recorder, StreamsReport streams) {
        if (recorder.nothingRecorded()) {
            return Verdict.TARGET_UNREACHABLE;
        }
        if (streams.overdueFound()) {
            return Verdict.OVERDUE_STREAMS; // proof of age wins over a climb
        }
        if (recorder.threads().provesBlockedEventLoop()) {
            return Verdict.BLOCKED_EVENT_LOOP; // proven over consecutive dumps: stronger than a climb
        }
        if (recorder.streams().growingFound()) {
            return Verdict.GROWING_STREAMS;
        }
        return tooShortToProve(recorder) == null ? Verdict.HEALTHY : Verdict.INCONCLUSIVE;
    }

    /**
     * Why the recording was too short to call the target healthy: "covered 8 s; growth needs 60s (--trend-window),
     * overdue needs 1h (--lifetime)"; null when it covered the trend window or the shortest lifetime.
     */
    public static String tooShortToProve(Recorder recorder) {
        Duration covered = recorder.covered();
        Duration growth = recorder.trendWindow();
        Duration age = recorder.lifetime().policy().shortest();
        if (covered.compareTo(growth) >= 0 || covered.compareTo(age) >= 0) {
            return null;
        }
        return "covered " + DurationText.age(covered) + "; growth needs " + DurationText.format(growth)
                + " (--trend-window), overdue needs " + DurationText.format(age) + " (--lifetime)";
    }

    private static void histogramErrors(HistogramPair histograms, List<String> errors) {
        if (histograms.startProblem() != null) {
            errors.add("histogram.start: " + histograms.startProblem());
        }
        if (histograms.endProblem() != null) {
            errors.add("histogram.end: " + histograms.endProblem());
        }
        if (histograms.anyTaken() && (histograms.start() == null || histograms.end() == null)) {
            errors.add("histogram.topGrowth: needs the histograms at the start and at the end");
        }
    }

    private static Summary.Heap heap(Recorder recorder, List<String> errors) {
        JvmSample last = recorder.lastSample();
        LiveSetEstimate liveSet = recorder.liveSet();
        if (liveSet.trend() == null) {
            errors.add("heap.liveSet: " + liveSet.reason());
        }
        return new Summary.Heap(
                new Summary.MinMaxLast(
                        recorder.heapUsedMin(),
                        recorder.heapUsedMax(),
                        last.heap().used()),
                last.heap().committed(),
                last.heap().hasMax() ? last.heap().max() : null,
                new Summary.FirstLast(recorder.oldGenAfterGcFirst(), recorder.oldGenAfterGcLast()),
                liveSet.trend() == null ? null : Summary.LiveSet.of(liveSet.trend()),
                recorder.oldGenMaxBytes() < 0 ? null : recorder.oldGenMaxBytes());
    }

    private static Summary.Gc gc(Recorder recorder, List<String> errors) {
        Map<String, Summary.CollectorTotals> byCollector = new LinkedHashMap<>();
        long collections = 0;
        for (CollectorTotals totals : recorder.lastSample().collectors()) {
            byCollector.put(
                    totals.name(),
                    new Summary.CollectorTotals(totals.collectionCount(), totals.collectionTimeMillis()));
            collections += Math.max(0, totals.collectionCount());
        }
        GcEventLog log = recorder.store().gcEvents();
        long during = 0;
        long pauseTotal = 0;
        List<Long> pauses = new ArrayList<>();
        for (int index = 0; index < log.size(); index++) {
            GcEvent event = log.get(index);
            during += event.recovered() ? event.recoveredCount() : 1;
            if (event.concurrent()) {
                continue;
            }
            pauseTotal += event.durationMillis();
            if (!event.recovered()) {
                pauses.add(event.durationMillis()); // a recovered point is several pauses summed: not one pause
            }
        }
        if (pauses.isEmpty()) {
            errors.add("gc.pauseMillis.max, gc.pauseMillis.p99: no single pause was seen during the recording");
        }
        pauses.sort(null);
        Long max = pauses.isEmpty() ? null : pauses.get(pauses.size() - 1);
        Long p99 = pauses.isEmpty() ? null : pauses.get(nearestRank(pauses.size(), 0.99) - 1);
        return new Summary.Gc(collections, during, new Summary.Pauses(pauseTotal, max, p99), byCollector);
    }

    /** The 1-based nearest rank of percentile {@code share} among {@code count} sorted values. */
    public static int nearestRank(int count, double share) {
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
