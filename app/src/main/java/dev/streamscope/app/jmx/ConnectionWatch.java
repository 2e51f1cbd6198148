package dev.streamscope.app.jmx;

import dev.streamscope.app.base.TargetProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.remote.JMXConnectionNotification;

/**
 * Listens to the connector's own notifications and tells each lost-listener once that the connection failed or was
 * closed under us. {@code NOTIFS_LOST} is not a loss of the connection, only of notifications (the collector totals
 * recover the missed GCs), and a close we asked for is not news.
 */
final class ConnectionWatch implements NotificationListener {

    private static final System.Logger LOG = System.getLogger(ConnectionWatch.class.getName());

    private final String target;
    private final List<Consumer<TargetProblem>> listeners = new ArrayList<>();
    private boolean closingOnPurpose;
    private TargetProblem lost;

    ConnectionWatch(String target) {
        this.target = target;
    }

    synchronized void closingOnPurpose() {
        closingOnPurpose = true;
    }

    void onLost(Consumer<TargetProblem> listener) {
        TargetProblem alreadyLost;
        synchronized (this) {
            alreadyLost = lost;
            if (alreadyLost == null) {
                listeners.add(listener);
            }
        }
        if (alreadyLost != null) {
            tell(listener, alreadyLost);
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        String type = notification.getType();
        boolean failed = JMXConnectionNotification.FAILED.equals(type);
        if (!failed && !JMXConnectionNotification.CLOSED.equals(type)) {
            return;
        }
        List<Consumer<TargetProblem>> toTell;
        TargetProblem problem;
        synchronized (this) {
            if (closingOnPurpose || lost != null) {
                return;
            }
            lost = new TargetProblem(
                    TargetProblem.Kind.CONNECTION_LOST,
                    failed
                            ? "Lost the JMX connection to " + target + "; the JVM may have exited or the network failed"
                            : "The JMX connection to " + target + " was closed by the other side");
            problem = lost;
            toTell = List.copyOf(listeners);
            listeners.clear();
        }
        toTell.forEach(listener -> tell(listener, problem));
    }

    private static void tell(Consumer<TargetProblem> listener, TargetProblem problem) {
        try {
            listener.accept(problem);
        } catch (RuntimeException listenerFailed) {
            LOG.log(System.Logger.Level.WARNING, "Lost-listener failed", listenerFailed);
        }
    }
}
