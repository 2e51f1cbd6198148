package dev.streamscope.app.jmx.sample;

import java.util.HashMap;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.openmbean.CompositeData;

/**
 * The one place where JMX answers ({@link AttributeList}s, {@link CompositeData}, or the same as Jolokia's JSON)
 * become our records. Everything past
 * this class sees records only. An attribute the target lacks is simply absent from a {@code getAttributes} answer,
 * so every method here tolerates missing keys.
 */
public final class JmxMapper {

    private JmxMapper() {}

    /** The attributes a {@code getAttributes} call returned, by name; missing attributes are missing keys. */
    public static Map<String, Object> byName(AttributeList attributes) {
        Map<String, Object> values = new HashMap<>(attributes.size() * 2);
        for (Attribute attribute : attributes.asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
        return values;
    }

    public static JvmIdentity identity(Map<String, Object> runtime) {
        return new JvmIdentity(
                text(runtime.get("Name")),
                text(runtime.get("VmName")),
                text(runtime.get("VmVendor")),
                text(runtime.get("VmVersion")),
                longOf(runtime.get("StartTime"), 0));
    }

    /**
     * A {@code java.lang.management.MemoryUsage} in open types or as Jolokia's JSON, or {@code null} when absent.
     */
    public static MemoryUsageSample memoryUsage(Object value) {
        if (!OpenValues.isComposite(value)) {
            return null;
        }
        return new MemoryUsageSample(
                longOf(OpenValues.item(value, "used"), 0),
                longOf(OpenValues.item(value, "committed"), 0),
                longOf(OpenValues.item(value, "max"), -1));
    }

    /** A memory pool, or {@code null} when it reported no usage (the pool is no longer valid). */
    public static MemoryPoolSample memoryPool(String name, Map<String, Object> pool) {
        // MemoryType travels as its enum constant's name
        return memoryPool(name, "HEAP".equals(text(pool.get("Type"))), pool);
    }

    /** A memory pool whose type is already known, or {@code null} when it reported no usage. */
    public static MemoryPoolSample memoryPool(String name, boolean heap, Map<String, Object> pool) {
        MemoryUsageSample usage = memoryUsage(pool.get("Usage"));
        if (usage == null) {
            return null;
        }
        return new MemoryPoolSample(name, heap, usage, memoryUsage(pool.get("CollectionUsage")));
    }

    /** Live and daemon threads from this read, the peak from the latest read that asked for it. */
    public static ThreadSample threads(Map<String, Object> threading, int peak) {
        int live = (int) longOf(threading.get("ThreadCount"), 0);
        return new ThreadSample(live, (int) longOf(threading.get("DaemonThreadCount"), 0), Math.max(peak, live));
    }

    public static int peakThreads(Map<String, Object> threading) {
        return (int) longOf(threading.get("PeakThreadCount"), 0);
    }

    /** {@code CpuLoad} (JDK 14+) where present, else the older {@code SystemCpuLoad}. */
    public static double systemCpuLoad(Map<String, Object> operatingSystem) {
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

    public static BufferPoolSample bufferPool(String name, Map<String, Object> pool) {
        return new BufferPoolSample(
                name,
                longOf(pool.get("Count"), 0),
                longOf(pool.get("MemoryUsed"), 0),
                longOf(pool.get("TotalCapacity"), 0));
    }

    public static CollectorTotals collectorTotals(String name, Map<String, Object> collector) {
        return new CollectorTotals(
                name, longOf(collector.get("CollectionCount"), 0), longOf(collector.get("CollectionTime"), 0));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    public static long longOf(Object value, long absent) {
        return value instanceof Number number ? number.longValue() : absent;
    }
}
