package dev.streamscope.app.demo;

/**
 * What the demo child says about its own leak, as {@code dev.streamscope.demo:type=Leak}. Tests read it to see the
 * leak grow; users can compare it with what StreamScope infers from channelz and the bridge.
 */
public interface LeakMXBean {

    /** Server-side {@code Watch} streams open now; the healthy watcher's short-lived stream counts while it is open. */
    int getLeakedStreams();

    /** Bytes the open {@code Watch} streams hold in their buffers. */
    long getPinnedBytes();

    /** Streams the leaky client opened and abandoned since the start. */
    long getAbandonedStreams();

    /** The most streams the leaky client abandons before it stops, so the demo never runs out of heap. */
    int getLeakCap();
}
