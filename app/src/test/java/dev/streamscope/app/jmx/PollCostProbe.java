package dev.streamscope.app.jmx;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.transport.OpenedJmx;
import java.rmi.server.RMISocketFactory;
import java.time.Duration;

/**
 * Measures what one tick costs on the wire against a churning child JVM, by counting every byte through a JVM-wide
 * RMI socket factory: a full tick, a tick between full ones, and their mean at a 1 s interval. Not a test: the factory
 * can be installed once per JVM, so it runs in a JVM of its own. From the repository root:
 *
 * <pre>
 * mvn -B -o -q -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
 *     -Dmdep.includeScope=test -Dspotless.check.skip=true
 * java -cp app/target/test-classes:app/target/classes:$(cat app/target/classpath.txt) \
 *     dev.streamscope.app.jmx.PollCostProbe 50
 * </pre>
 */
public final class PollCostProbe {

    private PollCostProbe() {}

    public static void main(String[] arguments) throws Exception {
        int ticks = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 50;
        CountingSocketFactory counting = new CountingSocketFactory();
        RMISocketFactory.setSocketFactory(counting);
        try (GcChurnChild child = GcChurnChild.start()) {
            double[] full = perTick(child, counting, Duration.ZERO, ticks, "full tick");
            double[] between = perTick(child, counting, Duration.ofDays(1), ticks, "tick between full ones");
            double ticksPerFull = RemoteJvmConnection.FULL_READ_PERIOD.toSeconds(); // at a 1 s interval
            System.out.printf(
                    "mean per tick at 1 s (one full tick in %.0f): %.1f round trips, %.0f bytes sent, %.0f received%n",
                    ticksPerFull,
                    (full[0] + between[0] * (ticksPerFull - 1)) / ticksPerFull,
                    (full[1] + between[1] * (ticksPerFull - 1)) / ticksPerFull,
                    (full[2] + between[2] * (ticksPerFull - 1)) / ticksPerFull);
        }
    }

    /** Round trips, bytes sent and bytes received per tick, as means over {@code ticks} ticks. */
    private static double[] perTick(
            GcChurnChild child, CountingSocketFactory counting, Duration fullReadPeriod, int ticks, String what)
            throws Exception {
        OpenedJmx plain = GcChurnChild.connect(child.jmxUrl());
        OpenedJmx opened = new OpenedJmx(plain.target(), plain.connector(), plain.server(), counting);
        long sentBeforeOpen = counting.bytesSent();
        long receivedBeforeOpen = counting.bytesReceived();
        try (JvmConnection connection = RemoteJvmConnection.open(opened, Timeouts.DEFAULT, fullReadPeriod)) {
            System.out.printf(
                    "open: %d bytes sent, %d received%n",
                    counting.bytesSent() - sentBeforeOpen, counting.bytesReceived() - receivedBeforeOpen);
            connection.sample(); // warm: class descriptors and the like travel once
            connection.sample();
            long roundTrips = 0;
            long sent = 0;
            long received = 0;
            for (int i = 0; i < ticks; i++) {
                PollCost cost = connection.sample().cost();
                roundTrips += cost.roundTrips();
                sent += cost.bytesSent();
                received += cost.bytesReceived();
            }
            double[] perTick = {(double) roundTrips / ticks, (double) sent / ticks, (double) received / ticks};
            System.out.printf(
                    "%s, over %d ticks: %.1f round trips, %.0f bytes sent, %.0f bytes received%n",
                    what, ticks, perTick[0], perTick[1], perTick[2]);
            return perTick;
        }
    }
}
