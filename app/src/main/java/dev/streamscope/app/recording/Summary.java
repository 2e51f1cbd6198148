package dev.streamscope.app.recording;

import com.google.gson.annotations.SerializedName;
import dev.streamscope.app.histogram.HistogramChange;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.streams.GrowingConnection;
import dev.streamscope.app.streams.LiveSetTrend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The content of summary.json, written by Gson in component order. A section or value the target could not supply
 * is null, and {@link #errors()} says why; no number is made up.
 *
 * @param format the recording folder format, {@link #FORMAT} when written by this build
 * @param version the StreamScope version that wrote it
 * @param histogram the class histograms taken at the start and the end (--histogram); null when none was asked for
 *     or none could be taken (the errors say why)
 * @param verdict "healthy", "overdue-streams", "growing-streams", "blocked-event-loop" or "target-unreachable"
 */
public record Summary(
        int format,
        String version,
        Target target,
        Window window,
        Heap heap,
        Gc gc,
        Threads threads,
        Channelz channelz,
        Streams streams,
        Histogram histogram,
        String verdict,
        List<String> errors) {

    /**
     * The recording folder format this build writes (summary.json's {@code format}): 2 added series.csv,
     * gc-events.csv, streams.json and channelz.json, so the window can open a recording again. A folder without the
     * field is format 1, a headless capture of an earlier build: charts and summary only.
     */
    public static final int FORMAT = 2;

    public Summary {
        errors = List.copyOf(errors);
    }

    /** This summary with {@code error} added. */
    public Summary withError(String error) {
        List<String> more = new ArrayList<>(errors);
        more.add(error);
        return new Summary(
                format, version, target, window, heap, gc, threads, channelz, streams, histogram, verdict, more);
    }

    /** @param jvm null without JMX or when no sample was taken */
    public record Target(String jmx, String channelz, Jvm jvm) {}

    /** @param uptimeMillis the target's uptime at the last sample */
    public record Jvm(String name, String vmName, String vendor, String version, long uptimeMillis) {}

    /**
     * @param samples JVM samples, or channelz snapshots for a channelz-only target
     * @param channelzSnapshots successful channelz refreshes
     */
    public record Window(String start, String end, long samples, long intervalMillis, long channelzSnapshots) {}

    /** @param maxBytes null when the JVM defines no heap maximum */
    /** @param liveSet the old generation's trend after GC, or null (the errors say why) */
    /**
     * @param oldGenMaxBytes the old generation's max at the end, which the live-set trend projects to; null when the
     *     JVM sets none (and in recordings written before it was kept)
     */
    public record Heap(
            MinMaxLast usedBytes,
            long committedBytes,
            Long maxBytes,
            FirstLast oldGenAfterGcBytes,
            LiveSet liveSet,
            Long oldGenMaxBytes) {}

    /**
     * The live-set trend as summary.json spells it.
     *
     * @param projectedFullAt ISO-8601 instant when the fitted line reaches the old generation's max, or null unless the
     *     trend is flagged with a known max
     * @param flagged the fit is strong and the rise significant
     */
    public record LiveSet(double slopeBytesPerMinute, double r2, String projectedFullAt, int points, boolean flagged) {

        static LiveSet of(LiveSetTrend trend) {
            return new LiveSet(
                    Math.round(trend.slopeBytesPerMinute()),
                    Math.round(trend.r2() * 1000) / 1000.0,
                    trend.projectedFullAt() == null
                            ? null
                            : trend.projectedFullAt().toString(),
                    trend.points(),
                    trend.flagged());
        }
    }

    public record MinMaxLast(long min, long max, long last) {}

    /** Both null when no collection reported the old generation's usage during the capture. */
    public record FirstLast(Long first, Long last) {}

    /**
     * @param collections the collectors' own totals at the last sample (since the target started)
     * @param collectionsDuringCapture collections seen during the capture, concurrent cycles included
     * @param pauseMillis pauses during the capture; concurrent cycles are not pauses and are left out
     * @param byCollector the collectors' own totals at the last sample
     */
    public record Gc(
            long collections,
            long collectionsDuringCapture,
            Pauses pauseMillis,
            Map<String, CollectorTotals> byCollector) {}

    /**
     * @param max null when no pause was seen
     * @param p99 nearest-rank 99th percentile of single pauses; null when no pause was seen
     */
    public record Pauses(long total, Long max, Long p99) {}

    public record CollectorTotals(long collections, long totalMillis) {}

    /**
     * @param peak the JVM's own peak thread count (since start or its last reset)
     * @param dumps thread dumps taken (--threads, or the window's Threads page); null when none was
     * @param findings what the thread rules found (threads.json has the evidence); null when no dump was taken
     */
    public record Threads(int last, int peak, Integer dumps, List<ThreadFindingLine> findings) {}

    /** One thread finding in a line: its kind (as FindingKind names it), subject, frame, first and last seen. */
    public record ThreadFindingLine(String kind, String subject, String frame, String firstSeen, String lastSeen) {}

    /** The last snapshot's counts. */
    public record Channelz(
            int topChannels,
            int subchannels,
            int servers,
            int clientSockets,
            int serverSockets,
            OpenStreams openStreams,
            Calls calls) {}

    public record OpenStreams(long client, long server) {}

    /** Client-side (top channels) plus server-side calls, as the call-rate chart counts them. */
    public record Calls(long started, long succeeded, long failed, CallCounts client, CallCounts server) {}

    public record CallCounts(long started, long succeeded, long failed) {}

    /** The streams section as summary.json spells it; see {@link StreamsSummary}. */
    /**
     * @param lifetimesFrom whose lifetimes the counts use: "your lifetimes", "lifetimes from the service", …
     * @param sites streams by creation site, largest overdue first; null, with {@code sitesReason}, without them
     */
    public record Streams(
            String source,
            Long lifetimeMillis,
            String lifetimesFrom,
            Long open,
            Overdue overdue,
            List<StreamsSummary.OldestStream> oldest,
            List<StreamsSummary.SiteSummary> sites,
            String sitesReason,
            List<Growing> growing) {

        public static Streams of(StreamsSummary summary, StreamsState state) {
            return new Streams(
                    summary.source(),
                    summary.lifetimeMillis(),
                    state.source() == StreamsState.Source.NONE
                            ? null
                            : state.lifetimeSource().text(),
                    summary.open(),
                    new Overdue(summary.overdueMin(), summary.overdueMax()),
                    summary.oldest(),
                    summary.sites(),
                    summary.sitesReason(),
                    state.growing().stream().map(Growing::of).toList());
        }
    }

    /**
     * A connection whose open streams climb steadily, as summary.json spells it.
     *
     * @param socket "127.0.0.1:52044 → 127.0.0.1:37411": this side's address, then the peer's
     * @param side "client" or "server"
     * @param perMinute the fitted growth, streams per minute
     * @param forSeconds how long the connection has been growing
     */
    public record Growing(
            String socket, String side, long openAtStart, long openAtEnd, double perMinute, long forSeconds) {

        static Growing of(GrowingConnection connection) {
            return new Growing(
                    connection.socket(),
                    connection.side(),
                    connection.openAtStart(),
                    connection.openAtEnd(),
                    Math.round(connection.perMinute() * 10) / 10.0,
                    connection.forSeconds());
        }
    }

    /**
     * The class histograms at the start and the end, as summary.json spells them.
     *
     * @param mode "live" or "all"
     * @param streamClasses every gRPC call and stream class found in either histogram, most instances gained first
     * @param topGrowth the classes that gained the most bytes, most first; null unless both histograms were taken
     */
    public record Histogram(String mode, List<StreamClass> streamClasses, List<ClassGrowth> topGrowth) {

        /** How many classes {@link #topGrowth()} lists. */
        public static final int TOP_GROWTH = 20;

        static Histogram of(HistogramPair pair) {
            HeapHistogram start = pair.start();
            HeapHistogram end = pair.end();
            Map<String, Long> atStart = streamInstances(start);
            Map<String, Long> atEnd = streamInstances(end);
            Set<String> names = new TreeSet<>(atStart.keySet());
            names.addAll(atEnd.keySet());
            List<StreamClass> streamClasses = names.stream()
                    .map(name -> new StreamClass(
                            name,
                            start == null ? null : atStart.getOrDefault(name, 0L),
                            end == null ? null : atEnd.getOrDefault(name, 0L)))
                    .sorted(Comparator.comparingLong(StreamClass::gained)
                            .reversed()
                            .thenComparing(StreamClass::className))
                    .toList();
            List<ClassGrowth> topGrowth = start == null || end == null
                    ? null
                    : HistogramChange.between(start, end, TOP_GROWTH).stream()
                            .map(change ->
                                    new ClassGrowth(change.className(), change.instancesGained(), change.bytesGained()))
                            .toList();
            return new Histogram(pair.mode().text(), streamClasses, topGrowth);
        }

        private static Map<String, Long> streamInstances(HeapHistogram histogram) {
            Map<String, Long> instances = new HashMap<>();
            if (histogram != null) {
                histogram.streamRows().forEach(row -> instances.merge(row.className(), row.instances(), Long::sum));
            }
            return instances;
        }
    }

    /**
     * Instances of one gRPC call or stream class; a class absent from a histogram that was taken counts 0 there.
     *
     * @param start null when the histogram at the start could not be taken
     * @param end null when the histogram at the end could not be taken
     */
    public record StreamClass(@SerializedName("class") String className, Long start, Long end) {

        /** Instances gained from start to end; with one side missing, the count of the other, so big ones lead. */
        long gained() {
            if (start == null || end == null) {
                return start == null ? (end == null ? 0 : end) : start;
            }
            return end - start;
        }
    }

    /** What one class gained from the histogram at the start to the one at the end (negative when it lost). */
    public record ClassGrowth(@SerializedName("class") String className, long instances, long bytes) {}

    /** Equal bounds with the bridge; lower and upper bounds from channelz; both null with neither. */
    public record Overdue(Long min, Long max) {}
}
