package dev.streamscope.app.jmx.gc;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.management.Notification;
import javax.management.NotificationFilterSupport;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * Receives the GC notifications of every collector of one connection and hands them on, mapped, to one sink. Runs
 * on the connector's notification thread; a failing sink must not stop that thread, which also delivers the
 * connection's other notifications.
 */
public final class GcSubscription implements NotificationListener {

    /** {@code com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION}. */
    static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

    private static final System.Logger LOG = System.getLogger(GcSubscription.class.getName());

    private final Consumer<GcEvent> sink;
    private final long targetStartEpochMillis;
    private final Set<ObjectName> subscribed = ConcurrentHashMap.newKeySet();

    public GcSubscription(Consumer<GcEvent> sink, long targetStartEpochMillis) {
        this.sink = sink;
        this.targetStartEpochMillis = targetStartEpochMillis;
    }

    /** Only GC notifications cross the wire; the filter is serialized to the target and applied there. */
    public static NotificationFilterSupport filter() {
        NotificationFilterSupport filter = new NotificationFilterSupport();
        filter.enableType(GC_NOTIFICATION);
        return filter;
    }

    /** The collectors not subscribed yet; forgets those that are gone. */
    public List<ObjectName> notSubscribed(List<ObjectName> collectors) {
        subscribed.retainAll(collectors);
        return collectors.stream().filter(name -> !subscribed.contains(name)).toList();
    }

    public void subscribed(ObjectName collector) {
        subscribed.add(collector);
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        GcEvent event = GcNotifications.gcEvent(notification.getUserData(), targetStartEpochMillis);
        if (event == null) {
            return;
        }
        try {
            sink.accept(event);
        } catch (RuntimeException sinkFailed) {
            LOG.log(System.Logger.Level.WARNING, "GC event sink failed on " + event, sinkFailed);
        }
    }
}
