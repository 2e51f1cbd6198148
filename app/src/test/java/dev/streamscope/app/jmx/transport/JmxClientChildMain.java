package dev.streamscope.app.jmx.transport;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import java.time.Duration;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * A child JVM that connects to a JMX address as StreamScope does and reports on its ready line: for settings that are
 * process-wide (a trust store) and must not leak into the test JVM.
 *
 * <p>Arguments: address, ssl ({@code true}/{@code false}), optionally user and password. Ready line:
 * {@code connected used=<heap bytes> received=<bytes>}, followed by {@code note=<route note>} when the connection
 * was routed through a tunnel, or {@code failed <KIND> <message>}.
 */
public final class JmxClientChildMain {

    private JmxClientChildMain() {}

    public static void main(String[] arguments) throws Exception {
        String result;
        try {
            String user = arguments.length > 3 ? arguments[2] : null;
            char[] password = arguments.length > 3 ? arguments[3].toCharArray() : null;
            JmxTarget target = JmxAddress.parse(arguments[0], user, password, Boolean.parseBoolean(arguments[1]));
            OpenedJmx opened = JmxConnector.open(target, new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));
            try {
                CompositeData heap = (CompositeData)
                        opened.server().getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage");
                result = "connected used=" + heap.get("used") + " received="
                        + opened.meter().bytesReceived()
                        + opened.routeNote().map(note -> " note=" + note).orElse("");
            } finally {
                opened.connector().close();
            }
        } catch (TargetProblem problem) {
            result = "failed " + problem.kind() + " " + problem.getMessage();
        }
        ChildJvm.readyThenAwaitParent(result);
    }
}
