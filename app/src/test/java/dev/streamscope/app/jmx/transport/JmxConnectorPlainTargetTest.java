package dev.streamscope.app.jmx.transport;

import static dev.streamscope.app.jmx.transport.JmxConnectorFailureTest.openFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import java.io.ObjectInputFilter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A child JVM with the JDK agent, no authentication, no SSL: the common developer setup. */
class JmxConnectorPlainTargetTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    private static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

    private static ChildJvm child;

    @BeforeAll
    static void startTarget() throws Exception {
        child = ChildJvm.startWithJmx(
                JmxChildMain.class, Map.of("authenticate", "false", "ssl", "false"), List.of(), List.of());
    }

    @AfterAll
    static void stopTarget() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void connectsWithoutCredentialsAndReadsHeapUsageThroughTheGuard() throws Exception {
        OpenedJmx opened = open();
        try {
            Object heap = opened.server().getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage");

            assertThat(ObjectInputFilter.Config.getSerialFilter()).isSameAs(SerializationGuard.filter());
            assertThat(heap).isInstanceOf(CompositeData.class);
            assertThat((Long) ((CompositeData) heap).get("used")).isPositive();
            // the stub names 127.0.0.1 and the port given: nothing to redirect, nothing to tell
            assertThat(opened.routeNote()).isEmpty();
        } finally {
            opened.connector().close();
        }
    }

    @Test
    void gcNotificationsArriveThroughTheGuard() throws Exception {
        OpenedJmx opened = open();
        try {
            Queue<Notification> received = new ConcurrentLinkedQueue<>();
            NotificationListener listener = (notification, handback) -> received.add(notification);
            for (ObjectName collector :
                    opened.server().queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null)) {
                opened.server().addNotificationListener(collector, listener, null, null);
            }

            opened.server().invoke(new ObjectName("java.lang:type=Memory"), "gc", null, null);

            await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
            Notification first = received.peek();
            assertThat(first.getType()).isEqualTo(GC_NOTIFICATION);
            assertThat(first.getUserData()).isInstanceOf(CompositeData.class);
        } finally {
            opened.connector().close();
        }
    }

    @Test
    void callBytesCountOnTheMeterOfTheirOwnConnection() throws Exception {
        OpenedJmx first = open();
        OpenedJmx second = open();
        try {
            long sentBefore = first.meter().bytesSent();
            long receivedBefore = first.meter().bytesReceived();
            long otherSent = second.meter().bytesSent();
            long otherReceived = second.meter().bytesReceived();

            first.server().getAttribute(new ObjectName("java.lang:type=Runtime"), "SystemProperties");

            // the system properties table is several kilobytes; the request a few hundred bytes
            assertThat(first.meter().bytesReceived() - receivedBefore).isGreaterThan(2_000);
            assertThat(first.meter().bytesSent()).isGreaterThan(sentBefore);
            assertThat(second.meter().bytesSent()).isEqualTo(otherSent);
            assertThat(second.meter().bytesReceived()).isEqualTo(otherReceived);
        } finally {
            first.connector().close();
            second.connector().close();
        }
    }

    @Test
    void connectingCountsTheHandshakeBytes() throws Exception {
        OpenedJmx opened = open();
        try {
            assertThat(opened.meter().bytesSent()).isPositive();
            assertThat(opened.meter().bytesReceived()).isPositive();
        } finally {
            opened.connector().close();
        }
    }

    @Test
    void sslClientToPlaintextTargetIsSslMismatch() throws TargetProblem {
        TargetProblem problem = openFails(JmxAddress.parse(child.jmxAddress(), null, null, true), TIMEOUTS);

        assertThat(problem.kind()).isEqualTo(Kind.SSL_MISMATCH);
        assertThat(problem).hasMessageContaining(child.jmxAddress()).hasMessageContaining("does not speak SSL");
    }

    private static OpenedJmx open() throws TargetProblem {
        return JmxConnector.open(JmxAddress.parse(child.jmxAddress(), null, null, false), TIMEOUTS);
    }
}
