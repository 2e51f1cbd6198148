package dev.streamscope.app.jmx;

import dev.streamscope.app.base.CallDeadline;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.bridge.BridgeReader;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.gc.GcInfoMapper;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramParser;
import dev.streamscope.app.jmx.jolokia.JolokiaClient;
import dev.streamscope.app.jmx.jolokia.JolokiaFailures;
import dev.streamscope.app.jmx.jolokia.JolokiaMBeanCalls;
import dev.streamscope.app.jmx.jolokia.JolokiaReply;
import dev.streamscope.app.jmx.jolokia.JolokiaTarget;
import dev.streamscope.app.jmx.sample.BufferPoolSample;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JmxMapper;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryPoolSample;
import dev.streamscope.app.jmx.sample.MemoryUsageSample;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.jmx.threads.ThreadDumpMapper;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.jolokia.client.request.J4pExecRequest;
import org.jolokia.client.request.J4pReadRequest;
import org.jolokia.client.request.J4pRequest;

/**
 * A {@link JvmConnection} over HTTP through a Jolokia agent. A tick is one bulk request, one round trip, in the same
 * rhythm as over RMI: every {@link RemoteJvmConnection#FULL_READ_PERIOD} it reads the memory, every memory pool,
 * threads, CPU, the collectors' totals and the buffer pools (pools and collectors by pattern, so nothing needs
 * discovering); the ticks between read only the heap, threads, the process's CPU time and the collectors' totals,
 * and carry the rest over ({@link CarriedFigures}). No notifications come over HTTP, so GC pauses come from the {@code
 * LastGcInfo} of each collector whose count moved, read in a second round trip (see {@link #limits()}).
 */
public final class JolokiaJvmConnection implements JvmConnection {

    private static final String RUNTIME = "java.lang:type=Runtime";
    private static final String MEMORY = "java.lang:type=Memory";
    private static final String MEMORY_POOLS = "java.lang:type=MemoryPool,*";
    private static final String THREADING = "java.lang:type=Threading";
    private static final String OPERATING_SYSTEM = "java.lang:type=OperatingSystem";
    private static final String COLLECTORS = "java.lang:type=GarbageCollector,*";
    private static final String BUFFER_POOLS = "java.nio:type=BufferPool,*";
    static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    private static final String HEAP = "HeapMemoryUsage";
    private static final String PROCESS_CPU_TIME = "ProcessCpuTime";
    private static final String COLLECTION_COUNT = "CollectionCount";

    /** What the tab and the recording say about GC pauses over HTTP. */
    static final String GC_LIMITS = "Over Jolokia no GC notifications arrive: each tick reads the collectors' counts,"
            + " and the last collection (LastGcInfo) of each one whose count moved. When a collector ran more than once"
            + " between two ticks, the earlier runs are counted but their pauses and causes are unknown (shown as"
            + " points recovered from the collectors' totals).";

    private final JolokiaClient client;
    private final Duration callDeadline;
    private final CallDeadline io;
    /** Histograms and thread dumps take seconds: threads of their own, so ticks go on meanwhile. */
    private final CallDeadline histogramIo;

    private final CallDeadline threadIo;
    /** Everything, every {@code fullReadPeriod}. */
    private final List<J4pRequest> fullTick;
    /** The ticks between: what changes every second, and the collectors' totals, which say whether one ran. */
    private final List<J4pRequest> lightTick;

    private final Duration fullReadPeriod;
    private CarriedFigures carried;
    private final BridgeReader bridge;
    private final ProcessCpuLoad processCpuLoad = new ProcessCpuLoad();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean locksRefused = new AtomicBoolean();
    private final List<Consumer<TargetProblem>> lostListeners = new ArrayList<>();
    /** Each collector's collection count at the previous tick: a count that moved means a collection to report. */
    private final Map<String, Long> lastCounts = new HashMap<>();
    /** Each collector's last collection reported, so that each is reported once. */
    private final Map<String, Long> lastGcIds = new HashMap<>();

    private JvmIdentity identity;
    private long uptimeAtOpenMillis;
    private long openedAtNanos;
    private Consumer<GcEvent> gcSink;

    private JolokiaJvmConnection(JolokiaClient client, Timeouts timeouts, Duration fullReadPeriod) {
        this.client = client;
        this.fullReadPeriod = fullReadPeriod;
        this.callDeadline = timeouts.call();
        String url = client.target().url();
        this.io = new CallDeadline("jolokia-io " + url);
        this.histogramIo = new CallDeadline("jolokia-histogram " + url);
        this.threadIo = new CallDeadline("jolokia-threads " + url);
        this.fullTick = List.of(
                read(MEMORY, "HeapMemoryUsage", "NonHeapMemoryUsage"),
                read(THREADING, "ThreadCount", "DaemonThreadCount", "PeakThreadCount"),
                // the machine's load is CpuLoad since JDK 14, SystemCpuLoad before; an absent one costs nothing
                read(OPERATING_SYSTEM, "ProcessCpuTime", "AvailableProcessors", "CpuLoad", "SystemCpuLoad"),
                read(COLLECTORS, "CollectionCount", "CollectionTime"),
                read(MEMORY_POOLS, "Usage", "CollectionUsage", "Type"),
                read(BUFFER_POOLS, "Count", "MemoryUsed", "TotalCapacity"));
        // single attributes come back bare, without the attribute's name around them
        this.lightTick = List.of(
                read(MEMORY, HEAP),
                read(THREADING, "ThreadCount", "DaemonThreadCount"),
                read(OPERATING_SYSTEM, PROCESS_CPU_TIME),
                read(COLLECTORS, COLLECTION_COUNT, "CollectionTime"));
        this.bridge = new BridgeReader(new JolokiaMBeanCalls(client, io, callDeadline), client);
    }

    /**
     * Reads the target's identity (the first round trip, which also proves the URL is a Jolokia agent that lets us
     * in). If that fails, the client is closed before the problem is thrown.
     */
    public static JvmConnection open(JolokiaTarget target, Timeouts timeouts) throws TargetProblem {
        return open(target, timeouts, RemoteJvmConnection.FULL_READ_PERIOD);
    }

    /** As {@link #open(JolokiaTarget, Timeouts)}, reading everything every {@code fullReadPeriod} (ZERO: always). */
    public static JvmConnection open(JolokiaTarget target, Timeouts timeouts, Duration fullReadPeriod)
            throws TargetProblem {
        JolokiaJvmConnection connection =
                new JolokiaJvmConnection(JolokiaClient.create(target, timeouts), timeouts, fullReadPeriod);
        try {
            connection.start(timeouts.connect());
            return connection;
        } catch (TargetProblem | RuntimeException failed) {
            connection.close();
            throw failed;
        }
    }

    private void start(Duration connectDeadline) throws TargetProblem {
        JolokiaReply runtime = client.bulk(
                        "reading the JVM's identity",
                        List.of(read(RUNTIME, "Name", "VmName", "VmVendor", "VmVersion", "StartTime", "Uptime")),
                        io,
                        connectDeadline)
                .get(0);
        Map<String, Object> values = required(runtime, RUNTIME, "read");
        identity = JmxMapper.identity(values);
        // the uptime goes on as this machine's clock does, so it is read once rather than every tick
        uptimeAtOpenMillis = JmxMapper.longOf(values.get("Uptime"), 0);
        openedAtNanos = System.nanoTime();
    }

    @Override
    public JvmIdentity identity() {
        return identity;
    }

    /** Jolokia's limits that the user should know of: GC pauses come from polling, not notifications. */
    @Override
    public Optional<String> limits() {
        return Optional.of(GC_LIMITS);
    }

    @Override
    public JvmSample sample() throws TargetProblem {
        long sentBefore = client.bytesSent();
        long receivedBefore = client.bytesReceived();
        long now = System.nanoTime();
        boolean full = CarriedFigures.fullReadDue(carried, now, fullReadPeriod);
        List<JolokiaReply> replies = full
                ? client.bulk("reading heap, pools, threads, CPU and collectors", fullTick, io, callDeadline)
                : client.bulk("reading heap, threads, CPU and collection counts", lightTick, io, callDeadline);
        long readAt = System.nanoTime();
        Map<String, Object> threading = required(replies.get(1), THREADING, "read");
        Map<ObjectName, Map<String, Object>> collectors = byMBean(replies.get(3), COLLECTORS);
        MemoryUsageSample heap;
        Object cpuTime;
        if (full) {
            Map<String, Object> memory = required(replies.get(0), MEMORY, "read");
            Map<String, Object> operatingSystem = required(replies.get(2), OPERATING_SYSTEM, "read");
            heap = JmxMapper.memoryUsage(memory.get(HEAP));
            cpuTime = operatingSystem.get(PROCESS_CPU_TIME);
            carried = slowFigures(replies, memory, threading, operatingSystem, now);
        } else {
            heap = JmxMapper.memoryUsage(requiredValue(replies.get(0), MEMORY, HEAP));
            cpuTime = replies.get(2).ok() ? bare(replies.get(2).value(), PROCESS_CPU_TIME) : null;
        }
        // totals fresh every tick: collections the polled LastGcInfo missed are recovered a tick later, not 10 s
        List<CollectorTotals> totals = new ArrayList<>();
        collectors.forEach(
                (name, values) -> totals.add(JmxMapper.collectorTotals(MBeanNames.displayName(name), values)));
        carried = carried.withCollectors(totals);
        int roundTrips = 1 + reportCollections(collectors);
        return carried.sample(
                System.currentTimeMillis(),
                uptimeAtOpenMillis + (readAt - openedAtNanos) / 1_000_000,
                heap,
                JmxMapper.threads(threading, carried.peakThreads()),
                processCpuLoad.next(JmxMapper.longOf(cpuTime, -1), readAt, carried.processors()),
                new PollCost(roundTrips, client.bytesSent() - sentBefore, client.bytesReceived() - receivedBefore));
    }

    /** What a full tick read beyond the heap, threads and CPU time, to carry over until the next full one. */
    private CarriedFigures slowFigures(
            List<JolokiaReply> replies,
            Map<String, Object> memory,
            Map<String, Object> threading,
            Map<String, Object> operatingSystem,
            long now)
            throws TargetProblem {
        List<MemoryPoolSample> pools = new ArrayList<>();
        byMBean(replies.get(4), MEMORY_POOLS).forEach((name, values) -> {
            MemoryPoolSample pool = JmxMapper.memoryPool(MBeanNames.displayName(name), values);
            if (pool != null) {
                pools.add(pool);
            }
        });
        List<BufferPoolSample> bufferPools = new ArrayList<>();
        byMBean(replies.get(5), BUFFER_POOLS)
                .forEach((name, values) -> bufferPools.add(JmxMapper.bufferPool(MBeanNames.displayName(name), values)));
        return new CarriedFigures(
                JmxMapper.memoryUsage(memory.get("NonHeapMemoryUsage")),
                pools,
                bufferPools,
                List.of(), // the tick's own, fresh every tick
                JmxMapper.peakThreads(threading),
                JmxMapper.systemCpuLoad(operatingSystem),
                (int) JmxMapper.longOf(operatingSystem.get("AvailableProcessors"), 0),
                now);
    }

    /**
     * Hands each collection that is new since the previous tick to the GC sink: when a collector's count moved, its
     * {@code LastGcInfo} is read in one more round trip, so a quiet tick never carries that table of every pool's
     * usage. The first tick only learns the counts: what ran before we came is not ours to chart.
     *
     * @return the round trips it took: 0 or 1
     */
    private int reportCollections(Map<ObjectName, Map<String, Object>> collectors) throws TargetProblem {
        Map<ObjectName, Long> countBefore = new LinkedHashMap<>();
        collectors.forEach((name, values) -> {
            long count = JmxMapper.longOf(values.get(COLLECTION_COUNT), -1);
            Long previous = lastCounts.put(MBeanNames.displayName(name), count);
            if (previous != null && count > previous) {
                countBefore.put(name, previous);
            }
        });
        List<ObjectName> moved = List.copyOf(countBefore.keySet());
        if (gcSink == null || moved.isEmpty()) {
            return 0;
        }
        List<J4pRequest> requests = new ArrayList<>();
        moved.forEach(name -> requests.add(new J4pReadRequest(name, "LastGcInfo")));
        List<JolokiaReply> replies =
                client.bulk("reading the collectors' last collections", requests, io, callDeadline);
        for (int i = 0; i < moved.size(); i++) {
            JolokiaReply reply = replies.get(i);
            if (reply.forbidden()) {
                throw JolokiaFailures.forbidden(client.target(), moved.get(i).toString(), "read", reply.error());
            }
            if (!reply.ok()) {
                continue; // the collector vanished meanwhile: its count said it ran, its pause is unknown
            }
            String collector = MBeanNames.displayName(moved.get(i));
            long id = GcInfoMapper.id(reply.value());
            long reported = Math.max(lastGcIds.getOrDefault(collector, -1L), countBefore.get(moved.get(i)));
            if (id > reported) {
                lastGcIds.put(collector, id);
                GcEvent event = GcInfoMapper.lastGcInfo(collector, reply.value(), identity.startEpochMillis());
                if (event != null) {
                    gcSink.accept(event);
                }
            }
        }
        return 1;
    }

    @Override
    public Optional<BridgeStreams> readStreams(int oldestLimit, LifetimePolicy policy) throws TargetProblem {
        return bridge.read(oldestLimit, policy);
    }

    @Override
    public HeapHistogram classHistogram(HistogramMode mode, Duration deadline) throws TargetProblem {
        Instant takenAt = Instant.now();
        // the arguments as one String[]: the client would spread a bare array into several arguments
        J4pRequest request = new J4pExecRequest(
                name(DIAGNOSTIC_COMMAND), "gcClassHistogram([Ljava.lang.String;)", new Object[] {mode.arguments()});
        JolokiaReply reply = client.bulk("taking a class histogram", List.of(request), histogramIo, deadline)
                .get(0);
        if (reply.forbidden()) {
            throw JolokiaFailures.forbidden(client.target(), DIAGNOSTIC_COMMAND, "gcClassHistogram", reply.error());
        }
        if (reply.missing()) {
            throw new TargetProblem(
                    TargetProblem.Kind.OTHER,
                    client.target().url() + " has no DiagnosticCommand MBean (" + DIAGNOSTIC_COMMAND + "), so it"
                            + " cannot take a class histogram: it is not a HotSpot or OpenJ9 JVM of Java 8 or later."
                            + " Instead, on the target's host: jcmd <pid> GC.class_histogram");
        }
        if (!reply.ok()) {
            throw new TargetProblem(
                    TargetProblem.Kind.OTHER,
                    "The target refused the class histogram (" + reply.error()
                            + "). Take one on its host instead: jcmd <pid> GC.class_histogram");
        }
        return HistogramParser.fromReply(reply.value(), mode, takenAt);
    }

    /**
     * One round trip for the whole dump and the deadlock check: no serialization guard limits a JSON answer as one
     * limits RMI's, so there is no need for batches.
     */
    @Override
    public ThreadDump threadDump(Duration deadline) throws TargetProblem {
        Instant takenAt = Instant.now();
        long bytesBefore = client.bytesSent() + client.bytesReceived();
        boolean locks = !locksRefused.get();
        List<JolokiaReply> replies = dumpThreads(locks, deadline);
        if (locks && !replies.get(0).ok() && !replies.get(0).forbidden()) {
            // a target that cannot report locked monitors or synchronizers (UnsupportedOperationException)
            locksRefused.set(true);
            locks = false;
            replies = dumpThreads(false, deadline);
        }
        for (JolokiaReply reply : replies) {
            if (reply.forbidden()) {
                throw JolokiaFailures.forbidden(
                        client.target(), THREADING, "dumpAllThreads and findDeadlockedThreads", reply.error());
            }
            if (!reply.ok()) {
                throw new TargetProblem(
                        TargetProblem.Kind.OTHER,
                        "The target refused to dump its threads (" + reply.error() + "). Dump them on its host:"
                                + " jstack <pid>");
            }
        }
        long bytes = client.bytesSent() + client.bytesReceived() - bytesBefore;
        return ThreadDumpMapper.map(
                takenAt, replies.get(0).value(), replies.get(1).value(), locks, bytes);
    }

    private List<JolokiaReply> dumpThreads(boolean locks, Duration deadline) throws TargetProblem {
        return client.bulk(
                "dumping threads",
                List.of(
                        new J4pExecRequest(name(THREADING), "dumpAllThreads(boolean,boolean)", locks, locks),
                        new J4pExecRequest(name(THREADING), "findDeadlockedThreads()")),
                threadIo,
                deadline);
    }

    /** Keeps the sink: each tick hands it the collections new since the previous one, on the poller thread. */
    @Override
    public void subscribeGc(Consumer<GcEvent> sink) {
        if (gcSink != null) {
            throw new IllegalStateException("already subscribed to GC events");
        }
        gcSink = sink;
    }

    /**
     * HTTP has no connection to watch: a failed tick reports the loss itself, so listeners are kept only to honour the
     * contract, and never called.
     */
    @Override
    public void onLost(Consumer<TargetProblem> listener) {
        synchronized (lostListeners) {
            lostListeners.add(listener);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        io.close();
        histogramIo.close();
        threadIo.close();
        client.close();
    }

    /** The values of a read, or the problem that says why there are none. */
    private Map<String, Object> required(JolokiaReply reply, String mbean, String operation) throws TargetProblem {
        if (reply.forbidden()) {
            throw JolokiaFailures.forbidden(client.target(), mbean, operation, reply.error());
        }
        if (!reply.ok() || !(reply.value() instanceof Map<?, ?>)) {
            throw new TargetProblem(
                    TargetProblem.Kind.NOT_JMX,
                    "The Jolokia agent at " + client.target().url() + " could not read " + mbean + " (" + reply.error()
                            + "): the target is not a JVM StreamScope understands.");
        }
        return reply.attributes();
    }

    /** A single attribute's value, bare as Jolokia answers a read of one attribute; absent means not a JVM. */
    private Object requiredValue(JolokiaReply reply, String mbean, String attribute) throws TargetProblem {
        if (reply.forbidden()) {
            throw JolokiaFailures.forbidden(client.target(), mbean, "read", reply.error());
        }
        if (!reply.ok() || reply.value() == null) {
            throw new TargetProblem(
                    TargetProblem.Kind.NOT_JMX,
                    "The Jolokia agent at " + client.target().url() + " could not read " + attribute + " of " + mbean
                            + " (" + reply.error() + "): the target is not a JVM StreamScope understands.");
        }
        return bare(reply.value(), attribute);
    }

    /** A one-attribute read's value: bare when the request named it alone, else under its name (as a list asks). */
    private static Object bare(Object value, String attribute) {
        return value instanceof Map<?, ?> map && map.containsKey(attribute) ? map.get(attribute) : value;
    }

    /**
     * A pattern read's values by MBean, sorted by its {@code name} key so that charts keep their order. A pattern that
     * matches nothing (a JVM without buffer pools) reads as none; one forbidden by the agent's policy fails.
     */
    private Map<ObjectName, Map<String, Object>> byMBean(JolokiaReply reply, String pattern) throws TargetProblem {
        if (reply.forbidden()) {
            throw JolokiaFailures.forbidden(client.target(), pattern, "read", reply.error());
        }
        Map<ObjectName, Map<String, Object>> byName =
                new TreeMap<>(Comparator.comparing(MBeanNames::displayName).thenComparing(ObjectName::toString));
        if (reply.ok() && reply.value() instanceof Map<?, ?> mbeans) {
            mbeans.forEach((mbean, values) -> {
                if (values instanceof Map<?, ?> read) {
                    byName.put(name(String.valueOf(mbean)), JolokiaReply.attributes(read));
                }
            });
        }
        return byName;
    }

    private static J4pReadRequest read(String mbean, String... attributes) {
        return new J4pReadRequest(name(mbean), attributes);
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException impossible) {
            throw new IllegalArgumentException(text, impossible);
        }
    }
}
