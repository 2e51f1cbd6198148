package dev.streamscope.app.jmx;

import dev.streamscope.app.base.CallDeadline;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.bridge.BridgeReader;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.gc.GcSubscription;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramParser;
import dev.streamscope.app.jmx.sample.BufferPoolSample;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JmxMapper;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryPoolSample;
import dev.streamscope.app.jmx.sample.MemoryUsageSample;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.sample.ThreadSample;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.jmx.threads.ThreadDumpMapper;
import dev.streamscope.app.jmx.transport.JmxFailures;
import dev.streamscope.app.jmx.transport.OpenedJmx;
import dev.streamscope.app.jmx.transport.SerializationGuard;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationFilterSupport;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * A {@link JvmConnection} over an open JMX connector. Reads each MBean's attributes in one {@code getAttributes}
 * round trip, each under the call deadline on an I/O thread of its own, and notices pools and collectors that appear
 * or vanish from the MBean server's registration notifications, so that a tick costs no discovery queries.
 */
public final class RemoteJvmConnection implements JvmConnection {

    /** Closing waits at most this long for the connector to say goodbye; a dead peer must not hold up the caller. */
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(2);

    private static final String[] RUNTIME_IDENTITY = {"Name", "VmName", "VmVendor", "VmVersion", "StartTime", "Uptime"};
    private static final String[] MEMORY = {"HeapMemoryUsage", "NonHeapMemoryUsage"};
    private static final String HEAP = "HeapMemoryUsage";
    /** A pool's type never changes: asked once per pool, then only its usage (and a heap pool's after its last GC). */
    private static final String[] MEMORY_POOL = {"Usage", "CollectionUsage", "Type"};

    private static final String[] HEAP_POOL = {"Usage", "CollectionUsage"};
    private static final String[] THREADING = {"ThreadCount", "DaemonThreadCount"};
    private static final String[] THREADING_FULL = {"ThreadCount", "DaemonThreadCount", "PeakThreadCount"};
    /** The machine's load is {@code CpuLoad} since JDK 14, {@code SystemCpuLoad} before; an absent one costs nothing. */
    private static final String[] OPERATING_SYSTEM = {
        "ProcessCpuTime", "AvailableProcessors", "CpuLoad", "SystemCpuLoad"
    };

    private static final String[] BUFFER_POOL = {"Count", "MemoryUsed", "TotalCapacity"};
    private static final String[] COLLECTOR = {"CollectionCount", "CollectionTime"};

    /**
     * How often a tick reads everything; the ticks between read only the heap, threads and the process's CPU time and
     * carry the rest over (see {@link CarriedFigures}): 3 round trips and 25 serialized objects instead of 14 and ~320.
     * Every object the target serializes counts: its serialization code runs interpreted, then is compiled as it gets
     * hot, and that compilation was most of what a watched idle JVM spent in its first minutes.
     */
    public static final Duration FULL_READ_PERIOD = Duration.ofSeconds(10);

    /** What a read returns on the I/O thread when its MBean has vanished. */
    private static final Object VANISHED = new Object();

    private final OpenedJmx opened;
    private final MBeanServerConnection server;
    private final Duration callDeadline;
    private final CallDeadline io;
    /** Set once the target refused locked monitors and synchronizers; later dumps ask without them. */
    private final AtomicBoolean locksRefused = new AtomicBoolean();
    /** Histograms take seconds: their own thread, so a tick in flight neither waits for one nor times it out. */
    private final CallDeadline histogramIo;
    /** Thread dumps of thousands of threads take a while too: a thread of their own, for the same reason. */
    private final CallDeadline threadIo;

    private final ConnectionWatch watch;
    private final AtomicBoolean namesStale = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BridgeReader bridge;
    private JvmIdentity identity;
    private MBeanNames names;
    /** Whether each pool read so far is a heap pool; forgotten at each discovery. */
    private Map<ObjectName, Boolean> heapPools = new HashMap<>();

    private GcSubscription gcSubscription;
    private int roundTrips;
    private final Duration fullReadPeriod;
    private CarriedFigures carried;
    private final ProcessCpuLoad processCpuLoad = new ProcessCpuLoad();
    private long uptimeAtOpenMillis;
    private long openedAtNanos;

    private RemoteJvmConnection(OpenedJmx opened, Timeouts timeouts, Duration fullReadPeriod) {
        this.opened = opened;
        this.fullReadPeriod = fullReadPeriod;
        this.server = opened.server();
        this.callDeadline = timeouts.call();
        this.io = new CallDeadline("jmx-io " + opened.target().address());
        this.histogramIo = new CallDeadline("jmx-histogram " + opened.target().address());
        this.threadIo = new CallDeadline("jmx-threads " + opened.target().address());
        this.watch = new ConnectionWatch(opened.target().address());
        this.bridge = new BridgeReader(server, this::remoteCall, opened.meter());
    }

    /**
     * Reads the target's identity, discovers its MBeans and starts watching the connection. From here on the
     * connection owns {@code opened}: if opening fails, it is closed before the problem is thrown.
     */
    public static JvmConnection open(OpenedJmx opened, Timeouts timeouts) throws TargetProblem {
        return open(opened, timeouts, FULL_READ_PERIOD);
    }

    /** As {@link #open(OpenedJmx, Timeouts)}, reading everything every {@code fullReadPeriod} ({@code ZERO}: always). */
    public static JvmConnection open(OpenedJmx opened, Timeouts timeouts, Duration fullReadPeriod)
            throws TargetProblem {
        RemoteJvmConnection connection = new RemoteJvmConnection(opened, timeouts, fullReadPeriod);
        try {
            connection.start();
            return connection;
        } catch (TargetProblem | RuntimeException failed) {
            connection.close();
            throw failed;
        }
    }

    private void start() throws TargetProblem {
        opened.connector().addConnectionNotificationListener(watch, null, null);
        Map<String, Object> runtime = read(MBeanNames.RUNTIME, RUNTIME_IDENTITY);
        identity = JmxMapper.identity(runtime);
        // the uptime goes on as this machine's clock does, so it is read once rather than every tick
        uptimeAtOpenMillis = JmxMapper.longOf(runtime.get("Uptime"), 0);
        openedAtNanos = System.nanoTime();
        names = io.call(
                "discovering memory pools, collectors and buffer pools",
                callDeadline,
                () -> MBeanNames.discover(server));
        // Also keeps the connector's notification fetch running, which is what notices a dead peer quickly.
        io.call("watching MBean registrations", callDeadline, () -> {
            server.addNotificationListener(
                    MBeanServerDelegate.DELEGATE_NAME, this::registrationChanged, registrationFilter(), null);
            return null;
        });
    }

    private static NotificationFilterSupport registrationFilter() {
        NotificationFilterSupport filter = new NotificationFilterSupport();
        filter.enableType(MBeanServerNotification.REGISTRATION_NOTIFICATION);
        filter.enableType(MBeanServerNotification.UNREGISTRATION_NOTIFICATION);
        return filter;
    }

    private void registrationChanged(Notification notification, Object handback) {
        if (notification instanceof MBeanServerNotification registration) {
            if (MBeanNames.isDiscovered(registration.getMBeanName())) {
                namesStale.set(true);
            }
            if (BridgeReader.isTracker(registration.getMBeanName())) {
                bridge.markStale();
            }
        }
    }

    @Override
    public JvmIdentity identity() {
        return identity;
    }

    @Override
    public JvmSample sample() throws TargetProblem {
        long sentBefore = opened.meter().bytesSent();
        long receivedBefore = opened.meter().bytesReceived();
        roundTrips = 0;
        if (namesStale.getAndSet(false)) {
            rediscover();
            carried = null; // new pools need their type read, new collectors their totals
        }
        long now = System.nanoTime();
        boolean full = CarriedFigures.fullReadDue(carried, now, fullReadPeriod);
        Map<String, Object> threading = read(MBeanNames.THREADING, full ? THREADING_FULL : THREADING);
        Map<String, Object> operatingSystem = full ? read(MBeanNames.OPERATING_SYSTEM, OPERATING_SYSTEM) : null;
        Object cpuTime = full
                ? operatingSystem.get("ProcessCpuTime")
                : readOneIfPresent(MBeanNames.OPERATING_SYSTEM, "ProcessCpuTime");
        long cpuReadAt = System.nanoTime();
        MemoryUsageSample heap;
        if (full) {
            Map<String, Object> memory = read(MBeanNames.MEMORY, MEMORY);
            heap = JmxMapper.memoryUsage(memory.get(HEAP));
            carried = readSlowFigures(
                    threading, operatingSystem, JmxMapper.memoryUsage(memory.get("NonHeapMemoryUsage")), now);
        } else {
            heap = JmxMapper.memoryUsage(readOneIfPresent(MBeanNames.MEMORY, HEAP));
            if (heap == null) {
                throw new TargetProblem(TargetProblem.Kind.OTHER, "The target has no " + MBeanNames.MEMORY + " MBean");
            }
        }
        ThreadSample threads = JmxMapper.threads(threading, carried.peakThreads());
        PollCost cost = new PollCost(
                roundTrips,
                opened.meter().bytesSent() - sentBefore,
                opened.meter().bytesReceived() - receivedBefore);
        return carried.sample(
                System.currentTimeMillis(),
                uptimeAtOpenMillis + (now - openedAtNanos) / 1_000_000,
                heap,
                threads,
                processCpuLoad.next(JmxMapper.longOf(cpuTime, -1), cpuReadAt, carried.processors()),
                cost);
    }

    /** Every pool with its usage, and a heap pool's after its last collection, as a full tick reads them. */
    private List<MemoryPoolSample> readEveryPool() throws TargetProblem {
        List<MemoryPoolSample> pools = new ArrayList<>();
        for (ObjectName pool : names.memoryPools()) {
            MemoryPoolSample sample = readPool(pool);
            if (sample != null) {
                pools.add(sample);
            }
        }
        return pools;
    }

    /** One pool, or {@code null} when it vanished or reported no usage; its type only the first time. */
    private MemoryPoolSample readPool(ObjectName pool) throws TargetProblem {
        String name = MBeanNames.displayName(pool);
        Boolean heap = heapPools.get(pool);
        if (heap == null) {
            Map<String, Object> values = readIfPresent(pool, MEMORY_POOL);
            MemoryPoolSample sample = values == null ? null : JmxMapper.memoryPool(name, values);
            if (sample != null) {
                heapPools.put(pool, sample.heap());
            }
            return sample;
        }
        if (heap) {
            Map<String, Object> values = readIfPresent(pool, HEAP_POOL);
            return values == null ? null : JmxMapper.memoryPool(name, true, values);
        }
        // a non-heap pool has no usage after a collection: one attribute, no AttributeList around it
        Object usage = readOneIfPresent(pool, "Usage");
        return usage == null ? null : JmxMapper.memoryPool(name, false, Map.of("Usage", usage));
    }

    private CarriedFigures readSlowFigures(
            Map<String, Object> threading, Map<String, Object> operatingSystem, MemoryUsageSample nonHeap, long now)
            throws TargetProblem {
        List<MemoryPoolSample> pools = readEveryPool();
        List<BufferPoolSample> bufferPools = new ArrayList<>();
        for (ObjectName pool : names.bufferPools()) {
            Map<String, Object> values = readIfPresent(pool, BUFFER_POOL);
            if (values != null) {
                bufferPools.add(JmxMapper.bufferPool(MBeanNames.displayName(pool), values));
            }
        }
        List<CollectorTotals> collectors = new ArrayList<>();
        for (ObjectName collector : names.collectors()) {
            Map<String, Object> values = readIfPresent(collector, COLLECTOR);
            if (values != null) {
                collectors.add(JmxMapper.collectorTotals(MBeanNames.displayName(collector), values));
            }
        }
        return new CarriedFigures(
                nonHeap,
                pools,
                bufferPools,
                collectors,
                JmxMapper.peakThreads(threading),
                JmxMapper.systemCpuLoad(operatingSystem),
                (int) JmxMapper.longOf(operatingSystem.get("AvailableProcessors"), 0),
                now);
    }

    private void rediscover() throws TargetProblem {
        roundTrips += MBeanNames.DISCOVERY_ROUND_TRIPS;
        heapPools = new HashMap<>();
        names = io.call(
                "rediscovering memory pools, collectors and buffer pools",
                callDeadline,
                () -> MBeanNames.discover(server));
        if (gcSubscription != null) {
            subscribe(gcSubscription);
        }
    }

    /** Reads one of the singletons every JVM has; its absence means the target is not a JVM we understand. */
    private Map<String, Object> read(ObjectName name, String[] attributes) throws TargetProblem {
        Map<String, Object> values = readIfPresent(name, attributes);
        if (values == null) {
            throw new TargetProblem(TargetProblem.Kind.OTHER, "The target has no " + name + " MBean");
        }
        return values;
    }

    /** Reads one MBean in one round trip, or returns {@code null} and rediscovers next tick when it has vanished. */
    private Map<String, Object> readIfPresent(ObjectName name, String[] attributes) throws TargetProblem {
        return readIfPresent("reading " + name, () -> JmxMapper.byName(server.getAttributes(name, attributes)));
    }

    /** Reads one attribute in one round trip, or returns {@code null}: absent, or its MBean vanished (as above). */
    private Object readOneIfPresent(ObjectName name, String attribute) throws TargetProblem {
        return readIfPresent("reading " + attribute + " of " + name, () -> server.getAttribute(name, attribute));
    }

    private <T> T readIfPresent(String what, Callable<T> read) throws TargetProblem {
        roundTrips++;
        Object value = io.call(what, callDeadline, () -> {
            try {
                return read.call();
            } catch (InstanceNotFoundException vanished) {
                return VANISHED;
            } catch (AttributeNotFoundException absent) {
                return null; // a JVM without it: nothing to rediscover
            } catch (java.io.IOException broken) {
                // say it in the user's words: "the JVM no longer answers", not an RMI stack trace
                throw JmxFailures.classifyCall(broken, opened.target());
            }
        });
        if (value == VANISHED) {
            namesStale.set(true);
            return null;
        }
        @SuppressWarnings("unchecked") // what read returned, or null
        T result = (T) value;
        return result;
    }

    @Override
    public Optional<BridgeStreams> readStreams(int oldestLimit, LifetimePolicy policy) throws TargetProblem {
        return bridge.read(oldestLimit, policy);
    }

    /** One remote call under the call deadline, its I/O failure said in the user's words. */
    private <T> T remoteCall(String what, Callable<T> call) throws TargetProblem {
        return io.call(what, callDeadline, () -> {
            try {
                return call.call();
            } catch (java.io.IOException broken) {
                throw JmxFailures.classifyCall(broken, opened.target());
            }
        });
    }

    @Override
    public HeapHistogram classHistogram(HistogramMode mode, Duration deadline) throws TargetProblem {
        Instant takenAt = Instant.now();
        String reply;
        try {
            reply = histogramIo.run(deadline, () -> (String) server.invoke(
                    MBeanNames.DIAGNOSTIC_COMMAND, "gcClassHistogram", new Object[] {mode.arguments()}, new String[] {
                        String[].class.getName()
                    }));
        } catch (TimeoutException timeout) {
            throw JmxFailures.histogramTimeout(opened.target(), mode, deadline);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TargetProblem(TargetProblem.Kind.CANCELLED, "Taking the class histogram was cancelled");
        } catch (ExecutionException failed) {
            throw JmxFailures.histogram(failed.getCause(), opened.target());
        }
        return HistogramParser.fromReply(reply, mode, takenAt);
    }

    /**
     * How many threads one {@code getThreadInfo} call reads: a reply of 100 threads with stacks of typical depth stays
     * well inside the {@link SerializationGuard}'s object limit; a batch the guard refuses is read again in halves.
     */
    static final int THREAD_BATCH = 100;

    @Override
    public ThreadDump threadDump(Duration deadline) throws TargetProblem {
        Instant takenAt = Instant.now();
        long bytesBefore = opened.meter().bytesSent() + opened.meter().bytesReceived();
        long[] ids = (long[]) threadCall(
                "listing threads", deadline, () -> server.getAttribute(MBeanNames.THREADING, "AllThreadIds"));
        List<CompositeData> infos = new ArrayList<>(ids.length);
        for (int from = 0; from < ids.length; from += THREAD_BATCH) {
            long[] batch = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + THREAD_BATCH));
            boolean locks = !locksRefused.get();
            try {
                readThreads(batch, locks, deadline, infos);
            } catch (TargetProblem refused) {
                if (!locks || refused.kind() != TargetProblem.Kind.OTHER || SerializationGuard.rejected(refused)) {
                    throw refused;
                }
                // a target that cannot report locked monitors or synchronizers (UnsupportedOperationException)
                locksRefused.set(true);
                readThreads(batch, false, deadline, infos);
            }
        }
        long[] deadlocked = (long[]) threadCall(
                "finding deadlocked threads",
                deadline,
                () -> server.invoke(MBeanNames.THREADING, "findDeadlockedThreads", new Object[0], new String[0]));
        // the connection's meter: a tick running meanwhile adds its few KB to the dump's figure
        long bytes = opened.meter().bytesSent() + opened.meter().bytesReceived() - bytesBefore;
        return ThreadDumpMapper.map(
                takenAt, infos.toArray(CompositeData[]::new), deadlocked, !locksRefused.get(), bytes);
    }

    /** Reads the threads {@code ids} into {@code infos}, in halves while the guard finds a reply too big. */
    private void readThreads(long[] ids, boolean locks, Duration deadline, List<CompositeData> infos)
            throws TargetProblem {
        CompositeData[] read;
        try {
            read = (CompositeData[]) threadCall(
                    "dumping threads",
                    deadline,
                    () -> server.invoke(
                            MBeanNames.THREADING, "getThreadInfo", new Object[] {ids, locks, locks}, new String[] {
                                long[].class.getName(), "boolean", "boolean"
                            }));
        } catch (TargetProblem tooBig) {
            if (ids.length < 2 || !SerializationGuard.rejected(tooBig)) {
                throw tooBig;
            }
            int half = ids.length / 2;
            readThreads(Arrays.copyOfRange(ids, 0, half), locks, deadline, infos);
            readThreads(Arrays.copyOfRange(ids, half, ids.length), locks, deadline, infos);
            return;
        }
        infos.addAll(Arrays.asList(read));
    }

    private Object threadCall(String what, Duration deadline, Callable<Object> call) throws TargetProblem {
        try {
            return threadIo.run(deadline, call);
        } catch (TimeoutException timeout) {
            throw new TargetProblem(
                    TargetProblem.Kind.TIMEOUT,
                    "No answer within " + deadline.toMillis() + " ms while " + what
                            + ": a JVM with many thousands of threads takes a while. Allow it more time, or dump it"
                            + " on its host: jstack <pid>");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TargetProblem(TargetProblem.Kind.CANCELLED, "Dumping threads was cancelled");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (SerializationGuard.rejected(cause)) {
                throw new TargetProblem(
                        TargetProblem.Kind.OTHER,
                        "The reply to " + what + " was refused: " + cause.getMessage(),
                        cause);
            }
            if (cause instanceof java.io.IOException broken) {
                throw JmxFailures.classifyCall(broken, opened.target());
            }
            if (cause instanceof SecurityException denied) {
                throw new TargetProblem(
                        TargetProblem.Kind.OTHER,
                        "The JMX user may not call the Threading MBean's operations (" + denied.getMessage()
                                + "). Give it readwrite access, or dump threads on the target's host: jstack <pid>",
                        denied);
            }
            throw new TargetProblem(TargetProblem.Kind.OTHER, "The target refused " + what + ": " + cause, cause);
        }
    }

    @Override
    public void subscribeGc(Consumer<GcEvent> sink) throws TargetProblem {
        if (gcSubscription != null) {
            throw new IllegalStateException("already subscribed to GC notifications");
        }
        gcSubscription = new GcSubscription(sink, identity.startEpochMillis());
        subscribe(gcSubscription);
    }

    private void subscribe(GcSubscription subscription) throws TargetProblem {
        for (ObjectName collector : subscription.notSubscribed(names.collectors())) {
            boolean present = io.call("subscribing to GC notifications of " + collector, callDeadline, () -> {
                try {
                    server.addNotificationListener(collector, subscription, GcSubscription.filter(), null);
                    return true;
                } catch (InstanceNotFoundException vanished) {
                    return false;
                }
            });
            if (present) {
                subscription.subscribed(collector);
            } else {
                namesStale.set(true);
            }
        }
    }

    @Override
    public Optional<String> routeNote() {
        return opened.routeNote();
    }

    @Override
    public void onLost(Consumer<TargetProblem> listener) {
        watch.onLost(listener);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watch.closingOnPurpose();
        io.close();
        histogramIo.close();
        threadIo.close();
        Thread closer = new Thread(
                () -> {
                    try {
                        opened.connector().close();
                    } catch (Exception alreadyBroken) {
                        // nothing left to release: a connector that cannot say goodbye is gone anyway
                    }
                },
                "jmx-close " + opened.target().address());
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_DEADLINE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
