package dev.streamscope.app.jmx.gc;

import dev.streamscope.app.jmx.sample.JmxMapper;
import dev.streamscope.app.jmx.sample.OldGenerationPools;
import dev.streamscope.app.jmx.sample.OpenValues;
import java.util.Map;
import java.util.Objects;

/**
 * Where a {@code com.sun.management.GcInfo} becomes a {@link GcEvent}: from a GC notification over JMX, or from a
 * collector's {@code LastGcInfo} attribute polled over Jolokia (no notifications come over HTTP). Either form: open
 * types or JSON.
 */
public final class GcInfoMapper {

    /** The action of a collection read from {@code LastGcInfo}: the attribute does not say minor or major. */
    public static final String LAST_GC_INFO_ACTION = "end of GC (read from LastGcInfo)";

    private GcInfoMapper() {}

    /**
     * @param gcInfo the GcInfo; its times are milliseconds since the target JVM started, hence {@code
     *     targetStartEpochMillis} to put them on its wall clock
     * @return the event, or {@code null} when {@code gcInfo} is not a GcInfo
     */
    public static GcEvent event(
            String collector, String action, String cause, Object gcInfo, long targetStartEpochMillis) {
        if (!OpenValues.isComposite(gcInfo)) {
            return null;
        }
        long endTime = JmxMapper.longOf(OpenValues.item(gcInfo, "endTime"), 0);
        long duration = JmxMapper.longOf(
                OpenValues.item(gcInfo, "duration"),
                endTime - JmxMapper.longOf(OpenValues.item(gcInfo, "startTime"), endTime));
        return new GcEvent(
                targetStartEpochMillis + endTime,
                collector,
                action,
                cause,
                Math.max(0, duration),
                ConcurrentGc.isConcurrent(collector, action),
                0,
                JmxMapper.longOf(OpenValues.item(gcInfo, "id"), 0),
                oldGenerationUsedAfter(gcInfo));
    }

    /**
     * A collector's {@code LastGcInfo} polled over HTTP: its collection number, pause and old generation after it,
     * but no cause, which only notifications carry.
     */
    public static GcEvent lastGcInfo(String collector, Object gcInfo, long targetStartEpochMillis) {
        return event(collector, LAST_GC_INFO_ACTION, GcNotifications.UNKNOWN_CAUSE, gcInfo, targetStartEpochMillis);
    }

    /** The collection number of a GcInfo, or -1 when it has none (no collection yet). */
    public static long id(Object gcInfo) {
        return JmxMapper.longOf(OpenValues.item(gcInfo, "id"), -1);
    }

    /**
     * Sums the old-generation pools in a GcInfo's {@code memoryUsageAfterGc}: pool name to {@code MemoryUsage}.
     * Returns -1 when the table is absent or names no old-generation pool.
     */
    private static long oldGenerationUsedAfter(Object gcInfo) {
        long used = 0;
        boolean found = false;
        for (Map.Entry<String, Object> entry : OpenValues.entries(OpenValues.item(gcInfo, "memoryUsageAfterGc"))
                .entrySet()) {
            Object usage = entry.getValue();
            if (OldGenerationPools.isOldGeneration(Objects.toString(entry.getKey(), ""))
                    && OpenValues.isComposite(usage)) {
                used += JmxMapper.longOf(OpenValues.item(usage, "used"), 0);
                found = true;
            }
        }
        return found ? used : -1;
    }
}
