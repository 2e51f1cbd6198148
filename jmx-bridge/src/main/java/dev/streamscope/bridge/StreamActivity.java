package dev.streamscope.bridge;

import io.grpc.Attributes;
import io.grpc.Grpc;
import java.net.SocketAddress;

/** Small helpers the two call wrappers share. */
final class StreamActivity {
    private StreamActivity() {}

    /** The remote address, or null when the transport does not tell. */
    static SocketAddress remoteAddress(Attributes attributes) {
        return attributes == null ? null : attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    }

    static String text(SocketAddress address) {
        return address == null ? null : address.toString();
    }

    static long ageMillis(long startEpochMillis, long nowEpochMillis) {
        // The wall clock may step back; an age is never negative.
        return Math.max(0, nowEpochMillis - startEpochMillis);
    }
}
