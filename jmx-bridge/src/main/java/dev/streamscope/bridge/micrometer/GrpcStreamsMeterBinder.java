package dev.streamscope.bridge.micrometer;

import dev.streamscope.bridge.StreamLifetimes;
import dev.streamscope.bridge.StreamListener;
import dev.streamscope.bridge.StreamScopeBridge;
import dev.streamscope.bridge.StreamSide;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes one bridge's streams as Micrometer meters, tagged by {@code method} ({@code pkg.Service/Method}) and
 * {@code side} ({@code server}, {@code client}):
 *
 * <ul>
 *   <li>{@code grpc.streams.open}, {@code grpc.streams.overdue} (NaN while the bridge has no lifetimes) and
 *       {@code grpc.streams.oldest.age} (seconds, 0 when none is open): gauges;
 *   <li>{@code grpc.streams.started}, {@code grpc.streams.ended}: function counters, counting from this binder's
 *       creation;
 *   <li>{@code grpc.streams.lifetime}: a distribution summary of ended streams' lifetimes in seconds.
 * </ul>
 *
 * <pre>{@code
 * new GrpcStreamsMeterBinder(StreamScopeBridge.defaultBridge()).bindTo(meterRegistry);
 * }</pre>
 *
 * <p><b>Cardinality cap.</b> At most {@code maxMethods} (method, side) pairs get their own tags (default
 * {@value #DEFAULT_MAX_METHODS}); streams of further methods are counted under {@code method="other"}. gRPC method
 * names come from the service definitions, not from callers, so the cap guards against many services in one JVM rather
 * than against hostile input.
 *
 * <p><b>Cost.</b> Micrometer is an optional dependency: nothing outside this package refers to it, so a service
 * without Micrometer never loads it. Bound, it adds to each tracked stream's open and end a map look-up and a counter
 * increment, and to each end one summary record per bound registry. The gauges walk the open streams once per scrape
 * (a snapshot reused for {@value #SNAPSHOT_MILLIS} ms, so the three gauges of every method share one walk).
 *
 * <p>One binder per bridge: a second one for the same bridge is refused. It may be bound to several registries.
 */
public final class GrpcStreamsMeterBinder implements MeterBinder, AutoCloseable {
    /** (method, side) pairs with their own tags; the rest share {@code method="other"}. */
    public static final int DEFAULT_MAX_METHODS = 100;

    /** The method tag of streams past the cap. */
    public static final String OTHER_METHOD = "other";

    static final long SNAPSHOT_MILLIS = 1_000;

    private final StreamScopeBridge bridge;
    private final Events events = new Events();
    private final int maxMethods;
    private final long snapshotNanos;
    private final Map<StreamSide, Map<String, MethodStreams>> bySide = new EnumMap<>(StreamSide.class);
    private final List<MeterRegistry> bound = new CopyOnWriteArrayList<>();
    private final Object creation = new Object();
    private int methods;
    private volatile Snapshot snapshot;

    public GrpcStreamsMeterBinder(StreamScopeBridge bridge) {
        this(bridge, DEFAULT_MAX_METHODS);
    }

    /**
     * @param maxMethods the most (method, side) pairs tagged by method, at least 1
     * @throws IllegalStateException if the bridge already has a binder
     */
    public GrpcStreamsMeterBinder(StreamScopeBridge bridge, int maxMethods) {
        this(bridge, maxMethods, TimeUnit.MILLISECONDS.toNanos(SNAPSHOT_MILLIS));
    }

    GrpcStreamsMeterBinder(StreamScopeBridge bridge, int maxMethods, long snapshotNanos) {
        if (maxMethods < 1) {
            throw new IllegalArgumentException("maxMethods must be at least 1, was " + maxMethods);
        }
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.maxMethods = maxMethods;
        this.snapshotNanos = snapshotNanos;
        for (StreamSide side : StreamSide.values()) {
            bySide.put(side, new ConcurrentHashMap<>());
        }
        // Streams open before the binder get their methods' meters too.
        bridge.forEachOpen((method, side, ageMillis) -> streamsOf(method, side));
        if (!bridge.listen(events)) {
            throw new IllegalStateException("this bridge already has a GrpcStreamsMeterBinder; bind that one");
        }
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        synchronized (creation) {
            bound.add(meterRegistry);
            for (Map<String, MethodStreams> methodsOfSide : bySide.values()) {
                for (MethodStreams streams : methodsOfSide.values()) {
                    streams.register(meterRegistry);
                }
            }
        }
    }

    /** Stops counting and removes this binder's meters from every registry it was bound to. */
    @Override
    public void close() {
        bridge.stopListening(events);
        synchronized (creation) {
            for (Map<String, MethodStreams> methodsOfSide : bySide.values()) {
                for (MethodStreams streams : methodsOfSide.values()) {
                    streams.remove();
                }
            }
            bound.clear();
        }
    }

    /** The meters of a method and side, created (and registered) on first sight, or the side's "other" past the cap. */
    private MethodStreams streamsOf(String method, StreamSide side) {
        Map<String, MethodStreams> methodsOfSide = bySide.get(side);
        MethodStreams streams = methodsOfSide.get(method);
        if (streams != null) {
            return streams;
        }
        synchronized (creation) {
            streams = methodsOfSide.get(method);
            if (streams != null) {
                return streams;
            }
            String tagged = methods < maxMethods ? method : OTHER_METHOD;
            streams = methodsOfSide.get(tagged);
            if (streams == null) {
                streams = new MethodStreams(
                        Tags.of("method", tagged, "side", side.name().toLowerCase(Locale.ROOT)));
                methodsOfSide.put(tagged, streams);
                if (!tagged.equals(OTHER_METHOD)) {
                    methods++;
                }
                for (MeterRegistry meterRegistry : bound) {
                    streams.register(meterRegistry);
                }
            }
            if (!tagged.equals(method)) {
                // Later streams of this method find "other" at once.
                methodsOfSide.put(method, streams);
            }
            return streams;
        }
    }

    /** The open streams by method and side, walked at most once per snapshot period whatever the number of gauges. */
    private Snapshot snapshot() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (current != null && now - current.takenAtNanos < snapshotNanos) {
            return current;
        }
        Snapshot fresh = new Snapshot(now, bridge.lifetimes().orElse(null));
        bridge.forEachOpen((method, side, ageMillis) -> {
            // Never registers meters from inside a scrape: a stream whose method has none yet (it opened while the
            // binder was being created) waits for the next opened stream of its method.
            MethodStreams streams = bySide.get(side).get(method);
            if (streams != null) {
                fresh.add(streams, method, ageMillis);
            }
        });
        snapshot = fresh;
        return fresh;
    }

    private final class Events implements StreamListener {
        @Override
        public void opened(String method, StreamSide side) {
            streamsOf(method, side).started.increment();
        }

        @Override
        public void ended(String method, StreamSide side, long lifetimeMillis) {
            MethodStreams streams = streamsOf(method, side);
            streams.ended.increment();
            double seconds = lifetimeMillis / 1000.0;
            for (DistributionSummary summary : streams.lifetimes) {
                summary.record(seconds);
            }
        }
    }

    /** One (method, side): its counts and the meters registered for it. */
    private final class MethodStreams {
        final Tags tags;
        final LongAdder started = new LongAdder();
        final LongAdder ended = new LongAdder();
        final List<DistributionSummary> lifetimes = new CopyOnWriteArrayList<>();
        final List<Meter> meters = new ArrayList<>();

        MethodStreams(Tags tags) {
            this.tags = tags;
        }

        /** Under the binder's creation lock. */
        void register(MeterRegistry meterRegistry) {
            meters.add(Gauge.builder(
                            "grpc.streams.open", this, streams -> snapshot().open(streams))
                    .tags(tags)
                    .description("Open gRPC streams tracked by the StreamScope bridge")
                    .register(meterRegistry));
            meters.add(Gauge.builder(
                            "grpc.streams.overdue", this, streams -> snapshot().overdue(streams))
                    .tags(tags)
                    .description("Open gRPC streams older than their method's lifetime; NaN without lifetimes")
                    .register(meterRegistry));
            meters.add(Gauge.builder(
                            "grpc.streams.oldest.age",
                            this,
                            streams -> snapshot().oldestAgeSeconds(streams))
                    .tags(tags)
                    .baseUnit("seconds")
                    .description("Age of the oldest open gRPC stream, 0 when none is open")
                    .register(meterRegistry));
            meters.add(FunctionCounter.builder("grpc.streams.started", started, LongAdder::doubleValue)
                    .tags(tags)
                    .description("gRPC streams tracked since the binder was created")
                    .register(meterRegistry));
            meters.add(FunctionCounter.builder("grpc.streams.ended", ended, LongAdder::doubleValue)
                    .tags(tags)
                    .description("Tracked gRPC streams that ended since the binder was created")
                    .register(meterRegistry));
            DistributionSummary lifetime = DistributionSummary.builder("grpc.streams.lifetime")
                    .tags(tags)
                    .baseUnit("seconds")
                    .description("Lifetimes of the ended gRPC streams")
                    .register(meterRegistry);
            meters.add(lifetime);
            lifetimes.add(lifetime);
        }

        /** Under the binder's creation lock. */
        void remove() {
            for (Meter meter : meters) {
                for (MeterRegistry meterRegistry : bound) {
                    meterRegistry.remove(meter);
                }
            }
            meters.clear();
            lifetimes.clear();
        }
    }

    /** Open, overdue and oldest age per (method, side) at one moment. */
    private static final class Snapshot {
        final long takenAtNanos;
        final StreamLifetimes lifetimes;
        final Map<MethodStreams, long[]> counts = new HashMap<>();

        Snapshot(long takenAtNanos, StreamLifetimes lifetimes) {
            this.takenAtNanos = takenAtNanos;
            this.lifetimes = lifetimes;
        }

        /** Streams come oldest first, so the first of each method is its oldest. */
        void add(MethodStreams streams, String method, long ageMillis) {
            long[] entry = counts.computeIfAbsent(streams, absent -> new long[] {0, 0, ageMillis});
            entry[0]++;
            if (lifetimes != null && ageMillis >= lifetimes.lifetimeMillisOf(method)) {
                entry[1]++;
            }
        }

        double open(MethodStreams streams) {
            long[] entry = counts.get(streams);
            return entry == null ? 0 : entry[0];
        }

        double overdue(MethodStreams streams) {
            if (lifetimes == null) {
                return Double.NaN;
            }
            long[] entry = counts.get(streams);
            return entry == null ? 0 : entry[1];
        }

        double oldestAgeSeconds(MethodStreams streams) {
            long[] entry = counts.get(streams);
            return entry == null ? 0 : entry[2] / 1000.0;
        }
    }
}
