package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.NotificationResult;
import javax.management.remote.TargetedNotification;
import org.junit.jupiter.api.Test;

/**
 * The filter on its own, on real JMX payloads of this JVM serialized as RMI would send them. End-to-end checks over a
 * real connector are in {@link HostileTargetTest} and {@link JmxConnectorPlainTargetTest}.
 */
class SerializationGuardTest {

    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();

    @Test
    void installIsIdempotentAndPutsTheGuardInForce() {
        assertThat(SerializationGuard.install()).isTrue();
        assertThat(SerializationGuard.install()).isTrue();

        assertThat(ObjectInputFilter.Config.getSerialFilter()).isSameAs(SerializationGuard.filter());
    }

    @Test
    void admitsAGcNotificationAsFetched() throws Exception {
        Queue<Notification> received = new ConcurrentLinkedQueue<>();
        NotificationListener listener = (notification, handback) -> received.add(notification);
        List<ObjectName> collectors =
                new ArrayList<>(platform.queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null));
        for (ObjectName collector : collectors) {
            platform.addNotificationListener(collector, listener, null, null);
        }
        try {
            System.gc();
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        } finally {
            for (ObjectName collector : collectors) {
                platform.removeNotificationListener(collector, listener);
            }
        }
        NotificationResult fetched =
                new NotificationResult(0, 1, new TargetedNotification[] {new TargetedNotification(received.peek(), 1)});

        NotificationResult copy = (NotificationResult) roundTrip(fetched);

        assertThat(copy.getTargetedNotifications()[0].getNotification().getUserData())
                .isInstanceOf(CompositeData.class);
    }

    @Test
    void admitsAThreadDump() throws Exception {
        Object dump = platform.invoke(
                new ObjectName("java.lang:type=Threading"), "dumpAllThreads", new Object[] {true, true}, new String[] {
                    "boolean", "boolean"
                });

        assertThat((CompositeData[]) roundTrip(dump)).hasSameSizeAs((CompositeData[]) dump);
    }

    @Test
    void admitsMBeanInfoAndNameSets() throws Exception {
        ObjectName memory = new ObjectName("java.lang:type=Memory");

        assertThat(roundTrip(platform.getMBeanInfo(memory))).isEqualTo(platform.getMBeanInfo(memory));
        assertThat(roundTrip(new HashSet<>(platform.queryNames(null, null))))
                .isEqualTo(platform.queryNames(null, null));
    }

    @Test
    void admitsJdkExceptionsWithCauses() throws Exception {
        Exception failure = new IllegalStateException("outer", new IOException("inner"));

        assertThat((Throwable) roundTrip(failure))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("outer");
    }

    @Test
    void rejectsClassesOutsideTheAllowlist() {
        Object foreign = new HostileJmxChildMain.Hostile().getForeignObject();

        assertThatThrownBy(() -> roundTrip(foreign))
                .isInstanceOf(InvalidClassException.class)
                .cause()
                .hasMessageContaining("HostileJmxChildMain$ForeignPayload is not among the classes JMX needs");
    }

    @Test
    void rejectsApplicationExceptions() {
        assertThatThrownBy(() -> roundTrip(new ApplicationFailure()))
                .isInstanceOf(InvalidClassException.class)
                .cause()
                .hasMessageContaining("ApplicationFailure");
    }

    @Test
    void rejectsKnownGadgetLinksInsideAllowedPackages() {
        Object gadgetLink = new javax.management.BadAttributeValueExpException("calls toString() when read");

        assertThatThrownBy(() -> roundTrip(gadgetLink))
                .isInstanceOf(InvalidClassException.class)
                .cause()
                .hasMessageContaining("BadAttributeValueExpException");
    }

    @Test
    void rejectsNestedSetsBeforeHashingThem() {
        Object nestedSets = new HostileJmxChildMain.Hostile().getNestedSets();

        assertThatThrownBy(() -> roundTrip(nestedSets))
                .isInstanceOf(InvalidClassException.class)
                .cause()
                .hasMessageContaining("nests deeper than " + SerializationGuard.MAX_DEPTH);
    }

    @Test
    void rejectsOverlongArrays() {
        int[] huge = new int[(int) SerializationGuard.MAX_ARRAY_LENGTH + 1];

        assertThatThrownBy(() -> roundTrip(huge))
                .isInstanceOf(InvalidClassException.class)
                .cause()
                .hasMessageContaining("more than " + SerializationGuard.MAX_ARRAY_LENGTH);
    }

    /** Serializes and reads back with the guard set on the stream, as it is process-wide in the app. */
    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            if (in.getObjectInputFilter() != SerializationGuard.filter()) {
                in.setObjectInputFilter(SerializationGuard.filter());
            }
            return in.readObject();
        }
    }

    /** An exception class of some application, not of the JDK. */
    static final class ApplicationFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
