package dev.streamscope.app.jmx;

import java.util.HashMap;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The one place where JMX answers ({@link AttributeList}s, {@link CompositeData}) become our records. Everything past
 * this class sees records only. An attribute the target lacks is simply absent from a {@code getAttributes} answer,
 * so every method here tolerates missing keys.
 */
final class JmxMapper {

    /** What the JVM reports as the cause of collections recovered from totals: it never told us. */
    static final String UNKNOWN_CAUSE = "unknown";

    private JmxMapper() {}

    /** The attributes a {@code getAttributes} call returned, by name; missing attributes are missing keys. */
    static Map<String, Object> byName(AttributeList attributes) {
        Map<String, Object> values = new HashMap<>(attributes.size() * 2);
        for (Attribute attribute : attributes.asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
        return values;
    }

    static JvmIdentity identity(Map<String, Object> runtime) {
        return new JvmIdentity(
                text(runtime.get("Name")),
                text(runtime.get("VmName")),
                text(runtime.get("VmVendor")),
                text(runtime.get("VmVersion")),
                longOf(runtime.get("StartTime"), 0));
    }

    /** A {@code java.lang.management.MemoryUsage} in open types, or {@code null} when absent. */
    static MemoryUsageSample memoryUsage(Object value) {
        if (!(value instanceof CompositeData usage)) {
            return null;
        }
        return new MemoryUsageSample(
                longOf(usage.get("used"), 0), longOf(usage.get("committed"), 0), longOf(usage.get("max"), -1));
    }

    /** A memory pool, or {@code null} when it reported no usage (the pool is no longer valid). */
    static MemoryPoolSample memoryPool(String name, Map<String, Object> pool) {
        MemoryUsageSample usage = memoryUsage(pool.get("Usage"));
        if (usage == null) {
            return null;
        }
        // MemoryType travels as its enum constant's name
        boolean heap = "HEAP".equals(text(pool.get("Type")));
        return new MemoryPoolSample(name, heap, usage, memoryUsage(pool.get("CollectionUsage")));
    }

    /** Live and daemon threads from this read, the peak from the latest read that asked for it. */
    static ThreadSample threads(Map<String, Object> threading, int peak) {
        int live = (int) longOf(threading.get("ThreadCount"), 0);
        return new ThreadSample(live, (int) longOf(threading.get("DaemonThreadCount"), 0), Math.max(peak, live));
    }

    static int peakThreads(Map<String, Object> threading) {
        return (int) longOf(threading.get("PeakThreadCount"), 0);
    }

    /** {@code CpuLoad} (JDK 14+) where present, else the older {@code SystemCpuLoad}. */
    static double systemCpuLoad(Map<String, Object> operatingSystem) {
        double load = cpuLoad(operatingSystem.get("CpuLoad"));
        return Double.isNaN(load) ? cpuLoad(operatingSystem.get("SystemCpuLoad")) : load;
    }

    /** The JVM reports a negative load while it has no figure yet (the first call) or cannot measure it. */
    private static double cpuLoad(Object value) {
        if (!(value instanceof Number number)) {
            return Double.NaN;
        }
        double load = number.doubleValue();
        return load < 0 ? Double.NaN : load;
    }

    static BufferPoolSample bufferPool(String name, Map<String, Object> pool) {
        return new BufferPoolSample(
                name,
                longOf(pool.get("Count"), 0),
                longOf(pool.get("MemoryUsed"), 0),
                longOf(pool.get("TotalCapacity"), 0));
    }

    static CollectorTotals collectorTotals(String name, Map<String, Object> collector) {
        return new CollectorTotals(
                name, longOf(collector.get("CollectionCount"), 0), longOf(collector.get("CollectionTime"), 0));
    }

    /**
     * A {@code com.sun.management.GarbageCollectionNotificationInfo} in open types. Its {@code gcInfo} times are
     * milliseconds since the target JVM started, hence the target's start time to put them on its wall clock.
     *
     * @return the event, or {@code null} when the notification does not carry the expected data
     */
    static GcEvent gcEvent(Object userData, long targetStartEpochMillis) {
        if (!(userData instanceof CompositeData notification)
                || !notification.containsKey("gcName")
                || !(notification.get("gcInfo") instanceof CompositeData gcInfo)) {
            return null;
        }
        String collector = text(notification.get("gcName"));
        String action = text(notification.get("gcAction"));
        long endTime = longOf(gcInfo.get("endTime"), 0);
        long duration = longOf(gcInfo.get("duration"), endTime - longOf(gcInfo.get("startTime"), endTime));
        return new GcEvent(
                targetStartEpochMillis + endTime,
                collector,
                action,
                text(notification.get("gcCause")),
                Math.max(0, duration),
                ConcurrentGc.isConcurrent(collector, action),
                0,
                longOf(gcInfo.get("id"), 0),
                oldGenerationUsedAfter(gcInfo));
    }

    /**
     * Sums the old-generation pools in a GcInfo's {@code memoryUsageAfterGc}: a table of pool name to
     * {@code MemoryUsage}. Returns -1 when the table is absent or names no old-generation pool.
     */
    private static long oldGenerationUsedAfter(CompositeData gcInfo) {
        if (!gcInfo.containsKey("memoryUsageAfterGc")
                || !(gcInfo.get("memoryUsageAfterGc") instanceof TabularData afterGc)) {
            return -1;
        }
        long used = 0;
        boolean found = false;
        for (Object row : afterGc.values()) {
            if (row instanceof CompositeData entry
                    && OldGenerationPools.isOldGeneration(text(entry.get("key")))
                    && entry.get("value") instanceof CompositeData usage) {
                used += longOf(usage.get("used"), 0);
                found = true;
            }
        }
        return found ? used : -1;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static long longOf(Object value, long absent) {
        return value instanceof Number number ? number.longValue() : absent;
    }
}
