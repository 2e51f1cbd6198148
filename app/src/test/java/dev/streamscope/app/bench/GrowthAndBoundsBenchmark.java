package dev.streamscope.app.bench;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.EntityKey;
import dev.streamscope.app.channelz.ServerNode;
import dev.streamscope.app.channelz.SocketData;
import dev.streamscope.app.channelz.SocketNode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.ChannelzStreamBounds;
import dev.streamscope.app.streams.GrowingConnection;
import dev.streamscope.app.streams.StreamGrowth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one channelz refresh of 1,000 sockets costs the stream analyses: the growth rule and the bounds, fed one
 * snapshot a second after a minute of history, so every socket's window is full. One socket in ten leaks 20 streams a
 * second next to 50 healthy calls; the rest only churn. Building the snapshot is not measured. Goal: ≤ 5 ms.
 *
 * <p>Run: {@code mvn -B -pl app -am -DskipTests -Pbench verify -Djmh.args='GrowthAndBoundsBenchmark -f 1 -wi 3 -i 5'}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GrowthAndBoundsBenchmark {

    private final ThreadCpu cpu = new ThreadCpu();

    private static final int SOCKETS = 1_000;
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final LifetimePolicy LIFETIME = LifetimePolicy.parse(List.of("60s"));

    private StreamGrowth growth;
    private ChannelzStreamBounds bounds;
    private int second;
    private ChannelzSnapshot next;

    @Setup(Level.Trial)
    public void fillAMinuteOfHistory() {
        growth = new StreamGrowth(StreamGrowth.DEFAULT_WINDOW);
        bounds = new ChannelzStreamBounds();
        for (second = 0; second < 90; second++) {
            ChannelzSnapshot snapshot = snapshot(second);
            growth.update(snapshot);
            bounds.update(snapshot, LIFETIME);
        }
    }

    @Setup(Level.Invocation)
    public void nextSnapshot() {
        next = snapshot(second++);
    }

    @Benchmark
    public void growthAndBounds(Blackhole blackhole) {
        cpu.before();
        List<GrowingConnection> growing = growth.update(next);
        ChannelzStreamAges ages = bounds.update(next, LIFETIME);
        cpu.after();
        blackhole.consume(growing);
        blackhole.consume(ages);
    }

    @TearDown(Level.Iteration)
    public void reportCpu() {
        cpu.report("growth and bounds, 1,000 sockets");
    }

    private static ChannelzSnapshot snapshot(int second) {
        List<SocketNode> sockets = new ArrayList<>(SOCKETS);
        for (int i = 0; i < SOCKETS; i++) {
            long leaked = i % 10 == 0 ? 20L * second : 0;
            long healthy = 50L * second + i;
            // a few healthy calls in flight at each poll
            long inFlight = (second * 7L + i) % 5;
            sockets.add(new SocketNode(
                    EntityKey.of(EntityKey.Kind.SOCKET, 10 + i),
                    SocketNode.Role.SERVER,
                    "10.0.0.1:443",
                    "10.0.1." + (i % 250) + ":" + (40_000 + i),
                    "",
                    new SocketData(
                            healthy + leaked + inFlight,
                            healthy,
                            0,
                            0,
                            0,
                            0,
                            null,
                            START.plusSeconds(second),
                            null,
                            null,
                            null,
                            null,
                            List.of()),
                    null));
        }
        ServerNode server = new ServerNode(EntityKey.of(EntityKey.Kind.SERVER, 1), null, List.of(), sockets);
        return ChannelzSnapshot.of(
                START.plusSeconds(second), Duration.ofMillis(200), List.of(), List.of(server), 0, SOCKETS + 2);
    }
}
