package dev.streamscope.app.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How much traffic the demo child makes and how far its leak may grow. The child reads these from system properties,
 * so the launcher passes them as {@code -D} options and tests can speed the leak up or turn traffic off.
 *
 * <p>Default numbers, for the launcher's {@code -Xmx384m}: 20 healthy unary calls per second (plus one server-streaming
 * call per second and one completed bidi stream every two seconds), and 5 abandoned {@code Watch} streams per second,
 * each pinning 64 KiB on the server. That is 320 KiB/s, about 19 MiB of retained heap per minute, so old gen after GC
 * climbs visibly within a minute. The leak stops at {@link #DEFAULT_LEAK_CAP} streams or at half the heap's maximum in
 * pinned buffers, whichever comes first: with 384 MiB that is 3,072 streams and 192 MiB pinned, reached after about
 * 10 minutes. A leaked stream costs about 4 KiB more than its buffer (HTTP/2 stream state and call objects on both
 * sides; measured: 2,048 leaked streams left 146 MiB live after a full GC), so the heap plateaus near 215 MiB of 384
 * and the demo never dies of OOM however long a session runs.
 *
 * @param healthyCallsPerSecond unary {@code Lookup} calls per second on the healthy channel; 0 turns healthy traffic off
 * @param leakedStreamsPerSecond {@code Watch} streams per second opened and abandoned on the leaky channel; 0 for none
 * @param leakCap the most streams the leaky client abandons
 * @param pinnedBytesPerStream the buffer each open server-side {@code Watch} stream holds
 * @param leakAfter how long the leaky client behaves before it starts abandoning streams: a target that is healthy
 *     first and starts leaking mid-run, as a watch meets one; zero leaks from the start
 */
public record DemoSettings(
        double healthyCallsPerSecond,
        double leakedStreamsPerSecond,
        int leakCap,
        int pinnedBytesPerStream,
        Duration leakAfter) {

    static final String HEALTHY_CALLS_PER_SECOND = "streamscope.demo.healthyCallsPerSecond";
    static final String LEAKED_STREAMS_PER_SECOND = "streamscope.demo.leakedStreamsPerSecond";
    static final String LEAK_CAP = "streamscope.demo.leakCap";
    static final String PINNED_BYTES_PER_STREAM = "streamscope.demo.pinnedBytesPerStream";
    static final String LEAK_AFTER_MILLIS = "streamscope.demo.leakAfterMillis";

    public static final int DEFAULT_LEAK_CAP = 5_000;

    /** Pinned buffers stop growing at this share of the child's maximum heap. */
    static final double MAXIMUM_PINNED_SHARE_OF_HEAP = 0.5;

    public static final DemoSettings DEFAULT = new DemoSettings(20, 5, DEFAULT_LEAK_CAP, 64 * 1024);

    public DemoSettings {
        if (!(healthyCallsPerSecond >= 0 && healthyCallsPerSecond <= 1_000)) {
            throw new IllegalArgumentException(
                    "healthyCallsPerSecond must be within 0..1000: " + healthyCallsPerSecond);
        }
        if (!(leakedStreamsPerSecond >= 0 && leakedStreamsPerSecond <= 1_000)) {
            throw new IllegalArgumentException(
                    "leakedStreamsPerSecond must be within 0..1000: " + leakedStreamsPerSecond);
        }
        if (leakCap < 0) {
            throw new IllegalArgumentException("leakCap must not be negative: " + leakCap);
        }
        if (pinnedBytesPerStream < 0) {
            throw new IllegalArgumentException("pinnedBytesPerStream must not be negative: " + pinnedBytesPerStream);
        }
        if (leakAfter == null || leakAfter.isNegative()) {
            throw new IllegalArgumentException("leakAfter must be zero or more: " + leakAfter);
        }
    }

    /** Settings that leak from the start. */
    public DemoSettings(
            double healthyCallsPerSecond, double leakedStreamsPerSecond, int leakCap, int pinnedBytesPerStream) {
        this(healthyCallsPerSecond, leakedStreamsPerSecond, leakCap, pinnedBytesPerStream, Duration.ZERO);
    }

    /** The same traffic, but the leak starts {@code after} the child started. */
    public DemoSettings withLeakAfter(Duration after) {
        return new DemoSettings(healthyCallsPerSecond, leakedStreamsPerSecond, leakCap, pinnedBytesPerStream, after);
    }

    public DemoSettings withLeakedStreamsPerSecond(double perSecond) {
        return new DemoSettings(healthyCallsPerSecond, perSecond, leakCap, pinnedBytesPerStream, leakAfter);
    }

    public DemoSettings withHealthyCallsPerSecond(double perSecond) {
        return new DemoSettings(perSecond, leakedStreamsPerSecond, leakCap, pinnedBytesPerStream, leakAfter);
    }

    public DemoSettings withLeakCap(int streams) {
        return new DemoSettings(
                healthyCallsPerSecond, leakedStreamsPerSecond, streams, pinnedBytesPerStream, leakAfter);
    }

    /** The settings in the child, from its system properties; what is not given keeps its default. */
    static DemoSettings fromSystemProperties() {
        return new DemoSettings(
                Double.parseDouble(
                        System.getProperty(HEALTHY_CALLS_PER_SECOND, Double.toString(DEFAULT.healthyCallsPerSecond))),
                Double.parseDouble(
                        System.getProperty(LEAKED_STREAMS_PER_SECOND, Double.toString(DEFAULT.leakedStreamsPerSecond))),
                Integer.parseInt(System.getProperty(LEAK_CAP, Integer.toString(DEFAULT.leakCap))),
                Integer.parseInt(
                        System.getProperty(PINNED_BYTES_PER_STREAM, Integer.toString(DEFAULT.pinnedBytesPerStream))),
                Duration.ofMillis(Long.parseLong(System.getProperty(LEAK_AFTER_MILLIS, "0"))));
    }

    /** The {@code -D} options that hand these settings to the child. */
    List<String> asJvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-D" + HEALTHY_CALLS_PER_SECOND + "=" + healthyCallsPerSecond);
        options.add("-D" + LEAKED_STREAMS_PER_SECOND + "=" + leakedStreamsPerSecond);
        options.add("-D" + LEAK_CAP + "=" + leakCap);
        options.add("-D" + PINNED_BYTES_PER_STREAM + "=" + pinnedBytesPerStream);
        options.add("-D" + LEAK_AFTER_MILLIS + "=" + leakAfter.toMillis());
        return options;
    }

    /** The most bytes the server pins in all, for a JVM whose maximum heap is {@code maxHeapBytes}. */
    static long pinnedBytesCap(long maxHeapBytes) {
        return (long) (maxHeapBytes * MAXIMUM_PINNED_SHARE_OF_HEAP);
    }
}
