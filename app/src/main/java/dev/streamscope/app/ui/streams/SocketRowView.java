package dev.streamscope.app.ui.streams;

import dev.streamscope.app.recording.SocketEvidence;
import dev.streamscope.app.streams.GrowingConnection;
import dev.streamscope.app.streams.SocketStreamAges;
import java.util.Locale;

/**
 * One socket's channelz-derived bounds as the Streams table shows them, every cell already in words.
 *
 * @param growth the socket's steady climb of open streams, or null when it does not grow
 */
public record SocketRowView(SocketStreamAges socket, GrowingConnection growth) {

    static final String GROWTH_HINT = "Open streams on this connection climbed steadily over the trend window. Healthy"
            + " calls that end keep the counters from proving any stream's age, but a connection whose open streams"
            + " only ever rise is holding streams that do not end: a leak, before any of them can be shown to be old.";

    /** The tab's "↗" badge: the same reason, for the target as a whole. */
    public static final String GROWING_TARGET_HINT =
            "Open streams grow on a connection of this target (see the Streams tab)."
                    + " No stream is proven older than its lifetime yet: healthy calls that end keep the counters from proving"
                    + " any age, but open streams that only ever rise are streams that do not end, a leak on its way.";

    SocketRowView(SocketStreamAges socket) {
        this(socket, null);
    }

    SocketRowView(SocketEvidence evidence) {
        this(evidence.socket(), evidence.growth());
    }

    /** "+1,200/min for 1 min 30 s (12 → 1,812 open)", or empty when the socket does not grow. */
    String growthText() {
        return growth == null ? "" : growth.summary();
    }

    boolean growing() {
        return growth != null;
    }

    String socketText() {
        return socket.localAddress() + " → " + socket.remoteAddress();
    }

    String roleText() {
        return socket.role().name().toLowerCase(Locale.ROOT);
    }

    /** "≥ 37 of 40 (at most 40)", as DESIGN.md words the channelz bounds. */
    String boundsText() {
        if (socket.allOld()) {
            return "all " + socket.open() + " (no stream created since the lifetime began)";
        }
        if (socket.olderAtLeast() == socket.olderAtMost()) {
            return socket.olderAtLeast() + " of " + socket.open();
        }
        return "≥ " + socket.olderAtLeast() + " of " + socket.open() + " (at most " + socket.olderAtMost() + ")";
    }

    boolean provenOld() {
        return socket.olderAtLeast() > 0;
    }

    boolean possiblyOld() {
        return socket.olderAtMost() > 0;
    }
}
