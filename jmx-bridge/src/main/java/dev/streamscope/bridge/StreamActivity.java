package dev.streamscope.bridge;

import io.grpc.Attributes;
import io.grpc.Grpc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;

/**
 * Small helpers the two call wrappers share.
 *
 * <p>Why int counters and an int activity offset: a tracked stream is two small objects (call and listener wrappers)
 * and the bridge promises at most about 100 bytes of them per call. A long each for sent, received and last activity
 * made the client wrapper 88 bytes and the pair 112; ints made it 72 and 96 (88 and 112 since the
 * creation-site reference and links). An int offset from the start covers 24
 * days of activity and a count 2^31 messages; past that they stay at their maximum, which reads "at least", never
 * wraps to a wrong small number.
 */
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

    /** Milliseconds from the start to {@code nowEpochMillis}, never negative, at most {@code Integer.MAX_VALUE}. */
    static int offsetMillis(long startEpochMillis, long nowEpochMillis) {
        return (int) Math.min(Integer.MAX_VALUE, ageMillis(startEpochMillis, nowEpochMillis));
    }

    /** One more, stopping at {@code Integer.MAX_VALUE}. */
    static int incremented(int count) {
        return count == Integer.MAX_VALUE ? count : count + 1;
    }

    /**
     * A handle on one of the caller's fields. The wrappers write their counters with {@code setOpaque} (atomic, seen by
     * the JMX reader soon, no fence) instead of volatile stores, whose fences cost more than the rest of the
     * bookkeeping together.
     */
    static VarHandle field(MethodHandles.Lookup lookup, String name, Class<?> type) {
        try {
            return lookup.findVarHandle(lookup.lookupClass(), name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
