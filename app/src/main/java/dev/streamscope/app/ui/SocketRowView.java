package dev.streamscope.app.ui;

import dev.streamscope.app.streams.SocketStreamAges;
import java.util.Locale;

/** One socket's channelz-derived bounds as the Streams table shows them, every cell already in words. */
record SocketRowView(SocketStreamAges socket) {

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
