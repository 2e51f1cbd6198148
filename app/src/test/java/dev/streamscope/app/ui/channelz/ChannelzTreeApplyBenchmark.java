package dev.streamscope.app.ui.channelz;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What applying one channelz refresh to the tree costs the FX thread: 1,000 client sockets (1,000 channels with a
 * subchannel each, and the server's 1,000 connections), counters changed on every row. Baseline in the same run:
 * building the tree anew, as a naive view would. {@code mvn -B -pl app -am -DskipTests -Pbench verify
 * -Djmh.args='ChannelzTreeApplyBenchmark'}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ChannelzTreeApplyBenchmark {

    @Param("1000")
    int channels;

    private ChannelzTreeModel tree;
    private ChannelzSnapshot even;
    private ChannelzSnapshot odd;
    private boolean flip;

    @Setup(Level.Trial)
    public void setUp() {
        even = ChannelzSnapshots.manyChannels(channels, 12, 0, -1);
        odd = ChannelzSnapshots.manyChannels(channels, 12, 1, -1);
        tree = new ChannelzTreeModel();
        tree.apply(even);
    }

    @Benchmark
    public ChannelzTreeModel applyRefreshInPlace() {
        flip = !flip;
        tree.apply(flip ? odd : even);
        return tree;
    }

    @Benchmark
    public ChannelzTreeModel rebuildFromScratch() {
        flip = !flip;
        ChannelzTreeModel fresh = new ChannelzTreeModel();
        fresh.apply(flip ? odd : even);
        return fresh;
    }
}
