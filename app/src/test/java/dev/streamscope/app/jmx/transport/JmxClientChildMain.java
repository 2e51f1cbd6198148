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
 * <p>Arguments: address, ssl ({@code true}/{@code false}). Ready line: {@code connected used=<heap bytes>} or
 * {@code failed <KIND> <message>}.
 */
public final class JmxClientChildMain {

    private JmxClientChildMain() {}

    public static void main(String[] arguments) throws Exception {
        String result;
        try {
            JmxTarget target = JmxAddress.parse(arguments[0], null, null, Boolean.parseBoolean(arguments[1]));
            OpenedJmx opened = JmxConnector.open(target, new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));
            try {
                CompositeData heap = (CompositeData)
                        opened.server().getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage");
                result = "connected used=" + heap.get("used") + " received="
                        + opened.meter().bytesReceived();
            } finally {
                opened.connector().close();
            }
        } catch (TargetProblem problem) {
            result = "failed " + problem.kind() + " " + problem.getMessage();
        }
        ChildJvm.readyThenAwaitParent(result);
    }
}
