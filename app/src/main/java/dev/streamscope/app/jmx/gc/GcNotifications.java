package dev.streamscope.app.jmx.gc;

import dev.streamscope.app.jmx.sample.JmxMapper;
import java.util.Objects;
import javax.management.openmbean.CompositeData;

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
        if (!(userData instanceof CompositeData notification) || !notification.containsKey("gcName")) {
            return null;
        }
        return GcInfoMapper.event(
                Objects.toString(notification.get("gcName"), ""),
                Objects.toString(notification.get("gcAction"), ""),
                Objects.toString(notification.get("gcCause"), ""),
                notification.get("gcInfo"),
                targetStartEpochMillis);
    }
}
