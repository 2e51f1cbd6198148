package dev.streamscope.app.jmx.bridge;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.jmx.transport.WireMeter;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.lifetime.StreamAges;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.lifetime.StreamSites;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Reads the jmx-bridge MBeans of one target with open types only, so that a bridge of any version works: what an
 * older one lacks reads as null, and an operation it lacks is tried once per discovery, then replaced. Trackers of one
 * JVM ({@code ,name=…}) are separate registries: summed. With per-method lifetimes the overdue count may be bounds
 * ({@link StreamAges#overdue}), since two counts instead of more rows keep a poll's bytes flat.
 */
public final class BridgeReader {

    static final ObjectName DEFAULT_NAME = name("dev.streamscope:type=GrpcStreams");
    static final ObjectName PATTERN = name("dev.streamscope:type=GrpcStreams,*");

    /** While no bridge is found, look again at most this often even without a registration notification. */
    static final Duration ABSENT_RECHECK = Duration.ofSeconds(10);

    private static final String[] ATTRIBUTES = {
        "OpenStreams",
        "StartedTotal",
        "EndedTotal",
        "DroppedTotal",
        "Capacity",
        "MeanLifetimeMillis",
        "OldestAgeMillis",
        // since the bridge took lifetimes from the service; an older bridge's getAttributes simply omits them
        "Lifetimes",
        "OverdueStreams"
    };

    private static final Object VANISHED = MBeanCalls.Absent.VANISHED;
    private static final Object NO_SUCH_OPERATION = MBeanCalls.Absent.NO_SUCH_OPERATION;

    /** Runs one remote call under the connection's deadline and turns I/O failures into a {@link TargetProblem}. */
    public interface RemoteCalls {
        <T> T call(String what, Callable<T> call) throws TargetProblem;
    }

    private final MBeanCalls calls;
    private final WireMeter meter;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private List<ObjectName> trackers = List.of();
    /** Trackers found to lack {@code oldestTable}, forgotten at each discovery. */
    private final Set<ObjectName> withoutTable = new HashSet<>();
    /** Trackers found to lack {@code sites}, forgotten at each discovery. */
    private final Set<ObjectName> withoutSites = new HashSet<>();

    private long discoveredAtNanos;
    private int roundTrips;

    public BridgeReader(MBeanServerConnection server, RemoteCalls calls, WireMeter meter) {
        this(new JmxMBeanCalls(server, calls), meter);
    }

    /** A reader over any transport: {@code meter} counts the bytes of {@code calls}. */
    public BridgeReader(MBeanCalls calls, WireMeter meter) {
        this.calls = calls;
        this.meter = meter;
    }

    /** Whether {@code name} is a bridge tracker, so that its (un)registration calls for {@link #markStale()}. */
    public static boolean isTracker(ObjectName name) {
        return PATTERN.apply(name);
    }

    /** Rediscover the trackers before the next read; may be called from any thread. */
    public void markStale() {
        stale.set(true);
    }

    /**
     * One poll of every tracker in the target.
     *
     * @param oldestLimit how many of the oldest rows to read (the poll's bytes grow with it, not with open streams)
     * @return empty when the target has no bridge
     */
    public Optional<BridgeStreams> read(int oldestLimit, LifetimePolicy policy) throws TargetProblem {
        if (oldestLimit < 0) {
            throw new IllegalArgumentException("oldestLimit must not be negative: " + oldestLimit);
        }
        Instant readAt = Instant.now();
        long sentBefore = meter.bytesSent();
        long receivedBefore = meter.bytesReceived();
        roundTrips = 0;
        if (stale.getAndSet(false) || (trackers.isEmpty() && sinceDiscovery().compareTo(ABSENT_RECHECK) >= 0)) {
            discover();
        }
        List<TrackerRead> reads = new ArrayList<>();
        for (ObjectName tracker : trackers) {
            TrackerRead read = readTracker(tracker, oldestLimit, policy);
            if (read == null) {
                markStale();
            } else {
                reads.add(read);
            }
        }
        if (reads.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(combine(
                readAt,
                reads,
                oldestLimit,
                policy,
                roundTrips,
                meter.bytesSent() - sentBefore,
                meter.bytesReceived() - receivedBefore));
    }

    private Duration sinceDiscovery() {
        return Duration.ofNanos(System.nanoTime() - discoveredAtNanos);
    }

    private void discover() throws TargetProblem {
        roundTrips++;
        trackers = calls.queryNames("looking for the StreamScope bridge", PATTERN).stream()
                // the default tracker first, then by name, so that merged rows keep a stable order on ties
                .sorted(Comparator.comparing((ObjectName name) -> !name.equals(DEFAULT_NAME))
                        .thenComparing(ObjectName::getCanonicalName))
                .toList();
        discoveredAtNanos = System.nanoTime();
        withoutTable.clear();
        withoutSites.clear();
    }

    /** One tracker's figures, or {@code null} when it vanished meanwhile. */
    private TrackerRead readTracker(ObjectName tracker, int oldestLimit, LifetimePolicy policy) throws TargetProblem {
        roundTrips++;
        Map<String, Object> attributes = calls.attributes("reading " + tracker, tracker, ATTRIBUTES);
        if (attributes == null) {
            return null;
        }
        List<StreamRecord> oldest = readOldest(tracker, oldestLimit);
        if (oldest == null) {
            return null;
        }
        Integer openStreams = BridgeMapper.intOrNull(attributes, "OpenStreams");
        LifetimePolicy serviceLifetime = BridgeMapper.lifetimesOrNull(attributes);
        Long serviceOverdue = BridgeMapper.longOrNull(attributes, "OverdueStreams");
        OverdueCount overdue;
        if (policy.equals(serviceLifetime) && serviceOverdue != null && serviceOverdue >= 0) {
            overdue = OverdueCount.exactly(serviceOverdue); // the service counted by the same lifetimes
        } else {
            overdue = countOverdue(tracker, oldest, oldestLimit, openStreams, policy);
            if (overdue == null) {
                return null;
            }
        }
        Object sites = readSites(tracker, policy);
        if (sites == VANISHED) {
            return null;
        }
        return new TrackerRead(
                attributes,
                oldest,
                overdue,
                serviceLifetime,
                BridgeMapper.sites(sites).orElse(null));
    }

    /** Overdue streams by our lifetimes, from the rows and up to two counts; null when the tracker vanished. */
    private OverdueCount countOverdue(
            ObjectName tracker, List<StreamRecord> oldest, int oldestLimit, Integer openStreams, LifetimePolicy policy)
            throws TargetProblem {
        Long olderThanShortest = null;
        Long olderThanLongest = null;
        long shortest = policy.shortest().toMillis();
        if (policy.uniform() || !StreamAges.rowsReachEveryStreamOlderThan(oldest, oldestLimit, shortest)) {
            Object count = invoke(tracker, "countOlderThan", new Object[] {shortest}, new String[] {"long"});
            if (count == VANISHED) {
                return null;
            }
            olderThanShortest = BridgeMapper.longOrNull(count);
            if (!policy.uniform()) {
                count = invoke(
                        tracker,
                        "countOlderThan",
                        new Object[] {policy.longest().toMillis()},
                        new String[] {"long"});
                if (count == VANISHED) {
                    return null;
                }
                olderThanLongest = BridgeMapper.longOrNull(count);
            }
        }
        return StreamAges.overdue(oldest, oldestLimit, openStreams, policy, olderThanShortest, olderThanLongest);
    }

    /**
     * The creation-site groups with our lifetimes, or nothing from a bridge older than the operation (remembered
     * until the next discovery, as for the table).
     */
    private Object readSites(ObjectName tracker, LifetimePolicy policy) throws TargetProblem {
        if (withoutSites.contains(tracker)) {
            return null;
        }
        String[] methods = policy.overrides().keySet().toArray(String[]::new);
        long[] lifetimes = new long[methods.length];
        for (int i = 0; i < methods.length; i++) {
            lifetimes[i] = policy.overrides().get(methods[i]).toMillis();
        }
        Object answer = invoke(
                tracker,
                "sites",
                new Object[] {policy.defaultLifetime().toMillis(), methods, lifetimes, BridgeStreams.DEFAULT_SITE_LIMIT
                },
                new String[] {"long", String[].class.getName(), long[].class.getName(), "int"});
        if (answer == NO_SUCH_OPERATION) {
            withoutSites.add(tracker);
        }
        return answer;
    }

    /** The oldest rows, by column when the tracker can, else row by row; {@code null} when the tracker vanished. */
    private List<StreamRecord> readOldest(ObjectName tracker, int oldestLimit) throws TargetProblem {
        Object[] parameters = {oldestLimit};
        String[] signature = {"int"};
        if (!withoutTable.contains(tracker)) {
            Object table = invoke(tracker, "oldestTable", parameters, signature);
            if (table == VANISHED) {
                return null;
            }
            if (table == NO_SUCH_OPERATION) {
                withoutTable.add(tracker);
            }
            Optional<List<StreamRecord>> rows = BridgeMapper.table(table);
            if (rows.isPresent()) {
                return rows.get();
            }
        }
        Object answer = invoke(tracker, "oldest", parameters, signature);
        return answer == VANISHED ? null : BridgeMapper.rows(answer);
    }

    /**
     * Invokes an operation. A tracker that was unregistered meanwhile answers {@link #VANISHED}, an operation it lacks
     * (an older bridge) {@link #NO_SUCH_OPERATION}, one that threw inside the target {@code null}; the mappers read
     * the markers as absent values.
     */
    private Object invoke(ObjectName tracker, String operation, Object[] parameters, String[] signature)
            throws TargetProblem {
        roundTrips++;
        return calls.invoke("calling " + operation + " on " + tracker, tracker, operation, parameters, signature);
    }

    private static BridgeStreams combine(
            Instant readAt,
            List<TrackerRead> reads,
            int oldestLimit,
            LifetimePolicy policy,
            int roundTrips,
            long bytesSent,
            long bytesReceived) {
        List<StreamRecord> oldest;
        if (reads.size() == 1) {
            oldest = reads.get(0).oldest();
        } else {
            oldest = reads.stream()
                    .flatMap(read -> read.oldest().stream())
                    .sorted(Comparator.comparing(
                            StreamRecord::ageMillis, Comparator.nullsLast(Comparator.reverseOrder())))
                    .limit(oldestLimit)
                    .toList();
        }
        OverdueCount overdue = reads.stream().map(TrackerRead::overdue).reduce(OverdueCount.NONE, OverdueCount::plus);
        Long endedTotal = sumOfLongs(reads, "EndedTotal");
        return new BridgeStreams(
                readAt,
                reads.size(),
                toInteger(sumOfLongs(reads, "OpenStreams")),
                sumOfLongs(reads, "StartedTotal"),
                endedTotal,
                sumOfLongs(reads, "DroppedTotal"),
                toInteger(sumOfLongs(reads, "Capacity")),
                meanLifetime(reads),
                maxOfLongs(reads, "OldestAgeMillis"),
                oldestLimit,
                oldest,
                policy,
                overdue,
                roundTrips,
                bytesSent,
                bytesReceived,
                serviceLifetime(reads),
                sites(reads));
    }

    /** The lifetimes every tracker was given, or null when one has none (or is older) or they differ. */
    private static LifetimePolicy serviceLifetime(List<TrackerRead> reads) {
        LifetimePolicy common = reads.get(0).serviceLifetime();
        for (TrackerRead read : reads) {
            if (common == null || !common.equals(read.serviceLifetime())) {
                return null;
            }
        }
        return common;
    }

    /** Every tracker's groups as one; null when no tracker has them. */
    private static StreamSites sites(List<TrackerRead> reads) {
        List<StreamSites> known =
                reads.stream().map(TrackerRead::sites).filter(Objects::nonNull).toList();
        return known.isEmpty() ? null : StreamSites.merge(known, BridgeStreams.DEFAULT_SITE_LIMIT);
    }

    /** The sum over the trackers that report it; {@code null} when none does. */
    private static Long sumOfLongs(List<TrackerRead> reads, String attribute) {
        Long sum = null;
        for (TrackerRead read : reads) {
            Long value = BridgeMapper.longOrNull(read.attributes(), attribute);
            if (value != null) {
                sum = sum == null ? value : sum + value;
            }
        }
        return sum;
    }

    private static Long maxOfLongs(List<TrackerRead> reads, String attribute) {
        Long max = null;
        for (TrackerRead read : reads) {
            Long value = BridgeMapper.longOrNull(read.attributes(), attribute);
            if (value != null) {
                max = max == null ? value : Math.max(max, value);
            }
        }
        return max;
    }

    /** One tracker's mean as is; several weighted by their ended streams (null unless all report both). */
    private static Double meanLifetime(List<TrackerRead> reads) {
        if (reads.size() == 1) {
            return BridgeMapper.doubleOrNull(reads.get(0).attributes(), "MeanLifetimeMillis");
        }
        double weighted = 0;
        long ended = 0;
        for (TrackerRead read : reads) {
            Double mean = BridgeMapper.doubleOrNull(read.attributes(), "MeanLifetimeMillis");
            Long count = BridgeMapper.longOrNull(read.attributes(), "EndedTotal");
            if (mean == null || count == null) {
                return null;
            }
            weighted += mean * count;
            ended += count;
        }
        return ended == 0 ? 0.0 : weighted / ended;
    }

    private static Integer toInteger(Long value) {
        return value == null ? null : (int) Math.min(Integer.MAX_VALUE, value);
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException impossible) {
            throw new IllegalArgumentException(text, impossible);
        }
    }

    /** What one tracker answered in one poll. */
    private record TrackerRead(
            Map<String, Object> attributes,
            List<StreamRecord> oldest,
            OverdueCount overdue,
            LifetimePolicy serviceLifetime,
            StreamSites sites) {}
}
