package dev.streamscope.app.series;

/**
 * The names of the series a JVM's samples produce. They are stable strings on purpose: charts select series by them
 * and exported CSV columns and file names are built from them, so changing one breaks what users have scripted.
 *
 * <p>Per-pool keys end with the name the JVM itself gives the pool ("G1 Eden Space", "direct"), after a fixed
 * prefix; {@link #nameAfter(String, String)} recovers it for labels.
 */
public final class SeriesKeys {

    public static final String HEAP_USED = "heap.used";
    public static final String HEAP_COMMITTED = "heap.committed";
    public static final String HEAP_MAX = "heap.max";

    /** Followed by the pool's own name: {@code pool.used.G1 Eden Space}. Bytes. */
    public static final String POOL_USED_PREFIX = "pool.used.";

    /** The old generation's usage right after its last collection, summed over the old-generation pools. Bytes. */
    public static final String OLD_GEN_USED_AFTER_GC = "old-gen.used-after-gc";

    public static final String THREADS_LIVE = "threads.live";
    public static final String THREADS_DAEMON = "threads.daemon";
    public static final String THREADS_PEAK = "threads.peak";

    /** Percent of all the machine's CPUs, 0 to 100. */
    public static final String CPU_PROCESS = "cpu.process";

    public static final String CPU_SYSTEM = "cpu.system";

    /** Followed by the buffer pool's name: {@code buffer.used.direct}. Bytes. */
    /** Every series from channelz starts with this. */
    public static final String GRPC_PREFIX = "grpc.";

    /** Every stream-lifetime series starts with this. */
    public static final String STREAMS_PREFIX = "streams.";

    public static final String GRPC_TOP_CHANNELS = "grpc.top-channels";

    public static final String GRPC_SUBCHANNELS = "grpc.subchannels";
    public static final String GRPC_CLIENT_SOCKETS = "grpc.client-sockets";
    public static final String GRPC_SERVER_SOCKETS = "grpc.server-sockets";
    public static final String GRPC_OPEN_STREAMS_CLIENT = "grpc.open-streams.client";
    public static final String GRPC_OPEN_STREAMS_SERVER = "grpc.open-streams.server";
    /** Calls per second, from the growth of channelz's cumulative counters between two refreshes. */
    public static final String GRPC_CALLS_STARTED_RATE = "grpc.calls-started.per-second";

    public static final String GRPC_CALLS_FAILED_RATE = "grpc.calls-failed.per-second";

    public static final String STREAMS_OPEN = "streams.open";
    /** Overdue streams: equal bounds from the jmx-bridge, a range when derived from channelz counters. */
    public static final String STREAMS_OVERDUE_AT_LEAST = "streams.overdue.at-least";

    public static final String STREAMS_OVERDUE_AT_MOST = "streams.overdue.at-most";
    public static final String STREAMS_MEAN_LIFETIME = "streams.mean-lifetime";
    public static final String STREAMS_OLDEST_AGE = "streams.oldest-age";
    /** Followed by the full method name, or "other". */
    public static final String STREAMS_BY_METHOD_PREFIX = "streams.by-method.";

    public static final String BUFFER_USED_PREFIX = "buffer.used.";

    public static final String BUFFER_CAPACITY_PREFIX = "buffer.capacity.";

    private SeriesKeys() {}

    public static String poolUsed(String poolName) {
        return POOL_USED_PREFIX + poolName;
    }

    public static String bufferUsed(String bufferPoolName) {
        return BUFFER_USED_PREFIX + bufferPoolName;
    }

    public static String bufferCapacity(String bufferPoolName) {
        return BUFFER_CAPACITY_PREFIX + bufferPoolName;
    }

    /** The part of {@code key} after {@code prefix}: the pool's own name for a per-pool key. */
    public static String nameAfter(String prefix, String key) {
        if (!key.startsWith(prefix)) {
            throw new IllegalArgumentException("'" + key + "' does not start with '" + prefix + "'");
        }
        return key.substring(prefix.length());
    }
}
