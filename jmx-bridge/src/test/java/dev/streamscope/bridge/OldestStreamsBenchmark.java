package dev.streamscope.bridge;

import io.grpc.MethodDescriptor;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading the oldest 100 streams must cost the same with 1,000 or 100,000 open: directly, and through the platform
 * MBean server (open-type mapping included, no network). Grouping the open streams by creation site must stay under
 * 1 ms at 100,000 open, against the way it walked before, in the same run. The streams come from 100 client hosts, each a site, every stream sampled, opened 1 ms apart
 * on the registry's clock, so the lifetime a read passes decides how many are overdue. The open streams are the bridge's real server-call nodes
 * around an idle call: 100,000 real open gRPC streams would measure the transport's memory, not the registry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OldestStreamsBenchmark {
    private static final MethodDescriptor<String, String> METHOD = ProbeService.CHAT;

    @Param({"1000", "10000", "100000"})
    public int openStreams;

    private OpenStreamRegistry registry;
    private long clockMillis = 1_700_000_000_000L;
    private ObjectName name;
    private boolean crossed;
    private MBeanServer server;

    @Setup(Level.Trial)
    public void open() throws JMException {
        registry = new OpenStreamRegistry(StreamScopeBridge.DEFAULT_CAPACITY, () -> clockMillis);
        registry.sites().sampling(SiteSampling.defaults().withSampleEvery(1));
        for (int stream = 0; stream < openStreams; stream++) {
            clockMillis++;
            // Every tenth stream ends again, so readers walk a list that has seen removals.
            TrackedServerCall<String, String> call =
                    new TrackedServerCall<>(new IdleServerCall(METHOD, stream, "10.0.0." + stream % 100), registry);
            registry.open(call);
            if (stream % 10 == 5) {
                registry.end(call);
            }
        }
        server = ManagementFactory.getPlatformMBeanServer();
        name = new ObjectName(StreamScopeBridge.OBJECT_NAME + ",name=oldest-bench-" + openStreams);
        server.registerMBean(registry, name);
    }

    @TearDown(Level.Trial)
    public void close() throws JMException {
        server.unregisterMBean(name);
    }

    @Benchmark
    public List<StreamRow> oldest100() {
        return registry.oldest(100);
    }

    @Benchmark
    public Object oldest100ThroughMBeanServer() throws JMException {
        return server.invoke(name, "oldest", new Object[] {100}, new String[] {"int"});
    }

    /** A leak: all but the newest 1 % of the streams are overdue, as when a leak has piled up. */
    @Benchmark
    public StreamSites sitesMostlyOverdue() {
        return registry.sites(openStreams / 100, null, null, 100);
    }

    /**
     * Every site's boundary in the middle of its streams: the worst case for walking from both ends, which the read did
     * every time before it kept its count (see {@link #sitesHalfOverdueWalkingEveryRead}).
     */
    @Benchmark
    public StreamSites sitesHalfOverdue() {
        return registry.sites(openStreams / 2, null, null, 100);
    }

    /** The same boundary, counted as every read counted it before the count was kept between reads. */
    @Benchmark
    public long sitesHalfOverdueWalkingEveryRead() {
        return SiteWalk.overdueOfEverySite(registry.sites(), clockMillis, openStreams / 2);
    }

    /**
     * A poll a second while 1,000 streams a second cross the lifetime: each read moves the boundary by 1,000 streams
     * (10 a site), forwards and back in turn.
     */
    @Benchmark
    public StreamSites sitesHalfOverdueThousandCrossed() {
        crossed = !crossed;
        return registry.sites(openStreams / 2 + (crossed ? 1000 : 0), null, null, 100);
    }

    /**
     * The worst case now: readers that take turns with lifetimes far apart, boundaries at a quarter and three quarters
     * of each site's streams, so half of the streams cross at every read and a quarter lie between it and either end.
     */
    @Benchmark
    public StreamSites sitesLifetimeSwitchingEveryRead() {
        crossed = !crossed;
        return registry.sites(crossed ? openStreams / 4 : openStreams - openStreams / 4, null, null, 100);
    }

    @Benchmark
    public Object sitesMostlyOverdueThroughMBeanServer() throws JMException {
        return server.invoke(
                name, "sites", new Object[] {(long) openStreams / 100, new String[0], new long[0], 100}, new String[] {
                    "long", String[].class.getName(), long[].class.getName(), "int"
                });
    }

    @Benchmark
    public long countOlderThanOneHour() {
        return registry.countOlderThan(3_600_000);
    }
}
