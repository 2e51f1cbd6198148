package dev.streamscope.app.jmx.threads;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.CountingSocketFactory;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.RemoteJvmConnection;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.jmx.transport.JmxConnector;
import dev.streamscope.app.jmx.transport.OpenedJmx;
import java.rmi.server.RMISocketFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/**
 * Measures a thread dump of a child JVM with 1,000 extra threads (each parked 20 frames deep) over JMX: wall time per
 * dump (median and worst), bytes on the wire (every RMI socket of this JVM counted) and the target's CPU time per dump
 * (its ProcessCpuTime before and after). Not a test: the socket factory is JVM-wide. From the repository root:
 *
 * <pre>
 * mvn -B -o -q -pl app test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
 *     -Dmdep.includeScope=test -Dspotless.check.skip=true
 * java -cp app/target/test-classes:app/target/classes:$(cat app/target/classpath.txt) \
 *     dev.streamscope.app.jmx.threads.ThreadDumpCostProbe 1000 20
 * </pre>
 */
public final class ThreadDumpCostProbe {

    private ThreadDumpCostProbe() {}

    public static void main(String[] arguments) throws Exception {
        int threads = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1000;
        int dumps = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 20;
        CountingSocketFactory counting = new CountingSocketFactory();
        RMISocketFactory.setSocketFactory(counting);
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
        try (ChildJvm child = ChildJvm.startWithJmx(
                ThreadTroubleChildMain.class,
                Map.of("authenticate", "false", "ssl", "false"),
                List.of(),
                List.of(ThreadTroubleChildMain.MANY, Integer.toString(threads)))) {
            OpenedJmx opened = JmxConnector.open(JmxAddress.parse(child.jmxAddress(), null, null, false), timeouts);
            ObjectName os = new ObjectName("java.lang:type=OperatingSystem");
            try (JvmConnection connection = RemoteJvmConnection.open(opened, timeouts)) {
                Duration deadline = Duration.ofSeconds(30);
                ThreadDump first = connection.threadDump(deadline); // warm: class descriptors travel once
                connection.threadDump(deadline);
                long[] millis = new long[dumps];
                long sent = counting.bytesSent();
                long received = counting.bytesReceived();
                long cpuBefore = (Long) opened.server().getAttribute(os, "ProcessCpuTime");
                for (int i = 0; i < dumps; i++) {
                    long start = System.nanoTime();
                    connection.threadDump(deadline);
                    millis[i] = (System.nanoTime() - start) / 1_000_000;
                }
                long cpuAfter = (Long) opened.server().getAttribute(os, "ProcessCpuTime");
                long sentPerDump = (counting.bytesSent() - sent) / dumps;
                long receivedPerDump = (counting.bytesReceived() - received) / dumps;
                Arrays.sort(millis);
                System.out.printf(
                        "%d threads (%d in the dump, locks %s), %d dumps: median %d ms, worst %d ms; %,d bytes sent,"
                                + " %,d received per dump; target CPU %.1f ms per dump%n",
                        threads,
                        first.threads().size(),
                        first.locksIncluded() ? "included" : "refused",
                        dumps,
                        millis[dumps / 2],
                        millis[dumps - 1],
                        sentPerDump,
                        receivedPerDump,
                        (cpuAfter - cpuBefore) / 1e6 / dumps);
            }
        }
    }
}
