package dev.streamscope.app.jmx.gc;

import dev.streamscope.app.jmx.sample.JmxMapper;
import dev.streamscope.app.jmx.sample.OldGenerationPools;
import java.util.Objects;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/** Where a GC notification's open types become a {@link GcEvent}; the rest of the JMX answers map in {@link JmxMapper}. */
final class GcNotifications {

    /** What the JVM reports as the cause of collections recovered from totals: it never told us. */
    static final String UNKNOWN_CAUSE = "unknown";

    private GcNotifications() {}

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
        String collector = Objects.toString(notification.get("gcName"), "");
        String action = Objects.toString(notification.get("gcAction"), "");
        long endTime = JmxMapper.longOf(gcInfo.get("endTime"), 0);
        long duration =
                JmxMapper.longOf(gcInfo.get("duration"), endTime - JmxMapper.longOf(gcInfo.get("startTime"), endTime));
        return new GcEvent(
                targetStartEpochMillis + endTime,
                collector,
                action,
                Objects.toString(notification.get("gcCause"), ""),
                Math.max(0, duration),
                ConcurrentGc.isConcurrent(collector, action),
                0,
                JmxMapper.longOf(gcInfo.get("id"), 0),
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
                    && OldGenerationPools.isOldGeneration(Objects.toString(entry.get("key"), ""))
                    && entry.get("value") instanceof CompositeData usage) {
                used += JmxMapper.longOf(usage.get("used"), 0);
                found = true;
            }
        }
        return found ? used : -1;
    }
}
