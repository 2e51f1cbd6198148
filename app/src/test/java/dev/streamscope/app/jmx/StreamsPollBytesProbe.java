package dev.streamscope.app.jmx;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.demo.DemoSettings;
import dev.streamscope.app.demo.DemoTarget;
import dev.streamscope.app.demo.DemoTargetLauncher;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.jmx.transport.JmxConnector;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import java.time.Duration;
import java.util.List;

/**
 * Measures the bytes one Streams poll moves over JMX at 12,000 open streams: the demo leaking 6,000 Watch streams,
 * each tracked on its client and its server side, read through {@link JmxConnector#open}, whose meter counts every
 * byte. Not a test (it takes a while to open 12,000 streams); run it by hand from the repository root:
 *
 * <pre>
 * mvn -B -o -q -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
 *     -Dmdep.includeScope=test -Dspotless.check.skip=true
 * java -cp app/target/test-classes:app/target/classes:$(cat app/target/classpath.txt) \
 *     dev.streamscope.app.jmx.StreamsPollBytesProbe
 * </pre>
 */
public final class StreamsPollBytesProbe {

    private StreamsPollBytesProbe() {}

    public static void main(String[] arguments) throws Exception {
        int oldest = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 500;
        DemoSettings settings = new DemoSettings(0, 1_000, 6_000, 0);
        try (DemoTarget demo = DemoTargetLauncher.start(Duration.ofSeconds(60), settings);
                JvmConnection connection = RemoteJvmConnection.open(
                        JmxConnector.open(JmxAddress.parse(demo.jmxAddress(), null, null, false), Timeouts.DEFAULT),
                        Timeouts.DEFAULT)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            BridgeStreams streams =
                    connection.readStreams(oldest, LifetimePolicy.DEFAULT).orElseThrow();
            while (streams.openStreams() < 12_000 && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                streams = connection.readStreams(oldest, LifetimePolicy.DEFAULT).orElseThrow();
                System.out.println("open " + streams.openStreams());
            }
            LifetimePolicy perMethod = LifetimePolicy.parse(List.of("1s", "/streamscope.demo.Inventory/Watch=1h"));
            for (LifetimePolicy policy : List.of(LifetimePolicy.DEFAULT, perMethod)) {
                for (int i = 0; i < 5; i++) {
                    streams = connection.readStreams(oldest, policy).orElseThrow();
                    System.out.printf(
                            "policy %s: open %d, rows %d, overdue %s, %d round trips, %d bytes sent, %d received%n",
                            policy.toText(),
                            streams.openStreams(),
                            streams.oldest().size(),
                            streams.overdue(),
                            streams.roundTrips(),
                            streams.bytesSent(),
                            streams.bytesReceived());
                }
            }
        }
    }
}
