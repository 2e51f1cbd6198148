package dev.streamscope.app.jmx.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import org.junit.jupiter.api.Test;

/**
 * GC notifications as a real JVM sends them, built by hand with the item names the JDK uses, since a {@code GcInfo}
 * cannot be made outside a collection.
 */
class GcNotificationsTest {

    @Test
    void gcNotificationEndsOnTheTargetsWallClock() throws Exception {
        GcEvent event =
                GcNotifications.gcEvent(gcNotification("ZGC Cycles", "end of GC cycle", "Allocation Rate"), 1_000);

        assertThat(event)
                .isEqualTo(
                        new GcEvent(1_000 + 5_040, "ZGC Cycles", "end of GC cycle", "Allocation Rate", 40, true, 0, 7));
    }

    @Test
    void gcNotificationCarriesTheOldGenerationRightAfterTheCollection() throws Exception {
        CompositeData notification = gcNotificationWithPools(
                Map.of("G1 Eden Space", memoryUsage(0, 8, -1), "G1 Old Gen", memoryUsage(70, 128, 256)));

        assertThat(GcNotifications.gcEvent(notification, 0).oldGenAfterGcBytes())
                .isEqualTo(70);
    }

    @Test
    void gcNotificationWithoutAKnownOldGenerationSaysUnknown() throws Exception {
        CompositeData notification = gcNotificationWithPools(Map.of("Some Pool", memoryUsage(5, 8, -1)));

        assertThat(GcNotifications.gcEvent(notification, 0).oldGenAfterGcBytes())
                .isEqualTo(-1);
        assertThat(GcNotifications.gcEvent(gcNotification("G1 Young Generation", "end of minor GC", "x"), 0)
                        .oldGenAfterGcBytes())
                .isEqualTo(-1);
    }

    /** The shape the JDK sends: memoryUsageAfterGc is a table of pool name to MemoryUsage. */
    private static CompositeData gcNotificationWithPools(Map<String, CompositeData> afterGc) throws OpenDataException {
        CompositeType usageType = memoryUsage(0, 0, 0).getCompositeType();
        CompositeType rowType = new CompositeType(
                "pool usage",
                "pool usage",
                new String[] {"key", "value"},
                new String[] {"key", "value"},
                new OpenType<?>[] {SimpleType.STRING, usageType});
        TabularType tableType = new TabularType("pools", "pools", rowType, new String[] {"key"});
        TabularDataSupport table = new TabularDataSupport(tableType);
        for (Map.Entry<String, CompositeData> pool : afterGc.entrySet()) {
            table.put(new CompositeDataSupport(
                    rowType, new String[] {"key", "value"}, new Object[] {pool.getKey(), pool.getValue()}));
        }
        String[] infoNames = {"id", "startTime", "endTime", "duration", "memoryUsageAfterGc"};
        CompositeType infoType = new CompositeType(
                "sun.management.BaseGcInfoCompositeType", "gc info", infoNames, infoNames, new OpenType<?>[] {
                    SimpleType.LONG, SimpleType.LONG, SimpleType.LONG, SimpleType.LONG, tableType
                });
        CompositeData info = new CompositeDataSupport(infoType, infoNames, new Object[] {3L, 10L, 12L, 2L, table});
        String[] names = {"gcName", "gcAction", "gcCause", "gcInfo"};
        CompositeType type = new CompositeType(
                "com.sun.management.GarbageCollectionNotificationInfo", "gc", names, names, new OpenType<?>[] {
                    SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, infoType
                });
        return new CompositeDataSupport(
                type, names, new Object[] {"G1 Young Generation", "end of minor GC", "G1 Evacuation Pause", info});
    }

    @Test
    void foreignNotificationDataIsIgnored() {
        assertThat(GcNotifications.gcEvent("not composite data", 0)).isNull();
    }

    private static CompositeData gcNotification(String collector, String action, String cause)
            throws OpenDataException {
        String[] infoNames = {"id", "startTime", "endTime", "duration"};
        CompositeType infoType = new CompositeType(
                "sun.management.BaseGcInfoCompositeType", "gc info", infoNames, infoNames, new OpenType<?>[] {
                    SimpleType.LONG, SimpleType.LONG, SimpleType.LONG, SimpleType.LONG
                });
        CompositeData info = new CompositeDataSupport(infoType, infoNames, new Object[] {7L, 5_000L, 5_040L, 40L});
        String[] names = {"gcName", "gcAction", "gcCause", "gcInfo"};
        CompositeType type = new CompositeType(
                "com.sun.management.GarbageCollectionNotificationInfo", "gc", names, names, new OpenType<?>[] {
                    SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, infoType
                });
        return new CompositeDataSupport(type, names, new Object[] {collector, action, cause, info});
    }

    private static CompositeData memoryUsage(long used, long committed, long max) throws OpenDataException {
        String[] names = {"init", "used", "committed", "max"};
        CompositeType type =
                new CompositeType("java.lang.management.MemoryUsage", "usage", names, names, new OpenType<?>[] {
                    SimpleType.LONG, SimpleType.LONG, SimpleType.LONG, SimpleType.LONG
                });
        return new CompositeDataSupport(type, names, new Object[] {0L, used, committed, max});
    }
}
