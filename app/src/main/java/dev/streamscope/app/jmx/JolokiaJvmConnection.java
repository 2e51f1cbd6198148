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
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.jmx.threads.ThreadDumpMapper;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * A {@link JvmConnection} over HTTP through a Jolokia agent. A tick is one bulk request, one round trip: the memory,
 * every memory pool, threads, CPU, every collector with its {@code LastGcInfo} and the buffer pools, the pools and
 * collectors read by pattern so that nothing needs discovering. No notifications come over HTTP, so GC pauses come
 * from each collector's {@code LastGcInfo} per tick (see {@link #limits()} for what that loses).
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

    /** What the tab and the recording say about GC pauses over HTTP. */
    static final String GC_LIMITS = "Over Jolokia no GC notifications arrive: each tick reads every collector's last"
            + " collection (LastGcInfo). When a collector ran more than once between two ticks, the earlier runs are"
            + " counted but their pauses and causes are unknown (shown as points recovered from the collectors' totals).";

    private final JolokiaClient client;
    private final Duration callDeadline;
    private final CallDeadline io;
    /** Histograms and thread dumps take seconds: threads of their own, so ticks go on meanwhile. */
    private final CallDeadline histogramIo;

    private final CallDeadline threadIo;
    private final List<J4pRequest> tick;
    private final BridgeReader bridge;
    private final ProcessCpuLoad processCpuLoad = new ProcessCpuLoad();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean locksRefused = new AtomicBoolean();
    private final List<Consumer<TargetProblem>> lostListeners = new ArrayList<>();
    /** Each collector's last collection number seen, so that a tick reports each collection once. */
    private final Map<String, Long> lastGcIds = new HashMap<>();

    private JvmIdentity identity;
    private long uptimeAtOpenMillis;
    private long openedAtNanos;
    private Consumer<GcEvent> gcSink;

    private JolokiaJvmConnection(JolokiaClient client, Timeouts timeouts) {
        this.client = client;
        this.callDeadline = timeouts.call();
        String url = client.target().url();
        this.io = new CallDeadline("jolokia-io " + url);
        this.histogramIo = new CallDeadline("jolokia-histogram " + url);
        this.threadIo = new CallDeadline("jolokia-threads " + url);
        this.tick = List.of(
                read(MEMORY, "HeapMemoryUsage", "NonHeapMemoryUsage"),
                read(MEMORY_POOLS, "Usage", "CollectionUsage", "Type"),
                read(THREADING, "ThreadCount", "DaemonThreadCount", "PeakThreadCount"),
                // the machine's load is CpuLoad since JDK 14, SystemCpuLoad before; an absent one costs nothing
                read(OPERATING_SYSTEM, "ProcessCpuTime", "AvailableProcessors", "CpuLoad", "SystemCpuLoad"),
                read(COLLECTORS, "CollectionCount", "CollectionTime", "LastGcInfo"),
                read(BUFFER_POOLS, "Count", "MemoryUsed", "TotalCapacity"));
        this.bridge = new BridgeReader(new JolokiaMBeanCalls(client, io, callDeadline), client);
    }

    /**
     * Reads the target's identity (the first round trip, which also proves the URL is a Jolokia agent that lets us
     * in). If that fails, the client is closed before the problem is thrown.
     */
    public static JvmConnection open(JolokiaTarget target, Timeouts timeouts) throws TargetProblem {
        JolokiaJvmConnection connection = new JolokiaJvmConnection(JolokiaClient.create(target, timeouts), timeouts);
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
        List<JolokiaReply> replies =
                client.bulk("reading heap, pools, threads, CPU and collectors", tick, io, callDeadline);
        long readAt = System.nanoTime();
        Map<String, Object> memory = required(replies.get(0), MEMORY, "read");
        Map<String, Object> threading = required(replies.get(2), THREADING, "read");
        Map<String, Object> operatingSystem = required(replies.get(3), OPERATING_SYSTEM, "read");
        List<MemoryPoolSample> pools = new ArrayList<>();
        byName(replies.get(1), MEMORY_POOLS).forEach((name, values) -> {
            MemoryPoolSample pool = JmxMapper.memoryPool(name, values);
            if (pool != null) {
                pools.add(pool);
            }
        });
        List<CollectorTotals> collectors = new ArrayList<>();
        Map<String, Map<String, Object>> collectorValues = byName(replies.get(4), COLLECTORS);
        collectorValues.forEach((name, values) -> collectors.add(JmxMapper.collectorTotals(name, values)));
        List<BufferPoolSample> bufferPools = new ArrayList<>();
        byName(replies.get(5), BUFFER_POOLS)
                .forEach((name, values) -> bufferPools.add(JmxMapper.bufferPool(name, values)));
        reportCollections(collectorValues);
        int processors = (int) JmxMapper.longOf(operatingSystem.get("AvailableProcessors"), 0);
        return new JvmSample(
                System.currentTimeMillis(),
                uptimeAtOpenMillis + (readAt - openedAtNanos) / 1_000_000,
                JmxMapper.memoryUsage(memory.get("HeapMemoryUsage")),
                JmxMapper.memoryUsage(memory.get("NonHeapMemoryUsage")),
                pools,
                JmxMapper.threads(threading, JmxMapper.peakThreads(threading)),
                processCpuLoad.next(JmxMapper.longOf(operatingSystem.get("ProcessCpuTime"), -1), readAt, processors),
                JmxMapper.systemCpuLoad(operatingSystem),
                bufferPools,
                collectors,
                new PollCost(1, client.bytesSent() - sentBefore, client.bytesReceived() - receivedBefore));
    }

    /**
     * Hands each collection that is new since the previous tick to the GC sink, from the collector's {@code
     * LastGcInfo}. The first tick only learns where the collectors are: what ran before we came is not ours to chart.
     */
    private void reportCollections(Map<String, Map<String, Object>> collectors) {
        collectors.forEach((name, values) -> {
            Object gcInfo = values.get("LastGcInfo");
            long id = GcInfoMapper.id(gcInfo);
            Long previous = lastGcIds.put(name, id);
            if (gcSink != null && previous != null && id > previous) {
                GcEvent event = GcInfoMapper.lastGcInfo(name, gcInfo, identity.startEpochMillis());
                if (event != null) {
                    gcSink.accept(event);
                }
            }
        });
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

    /**
     * A pattern read's values by the MBean's {@code name} key, sorted so that charts keep their order. A pattern that
     * matches nothing (a JVM without buffer pools) reads as none; one forbidden by the agent's policy fails.
     */
    private Map<String, Map<String, Object>> byName(JolokiaReply reply, String pattern) throws TargetProblem {
        if (reply.forbidden()) {
            throw JolokiaFailures.forbidden(client.target(), pattern, "read", reply.error());
        }
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        if (reply.ok() && reply.value() instanceof Map<?, ?> mbeans) {
            mbeans.forEach((mbean, values) -> {
                if (values instanceof Map<?, ?> read) {
                    byName.put(MBeanNames.displayName(name(String.valueOf(mbean))), JolokiaReply.attributes(read));
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
