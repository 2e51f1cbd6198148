package dev.streamscope.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A token bucket of stack walks held in one long (the generic cell rate algorithm): the time, in microseconds, at
 * which the bucket would be full again. A second's worth of walks may go at once, then one every {@code 1 s / rate}.
 * Lock-free: a refusal reads one field and writes nothing; a grant is one compare-and-set.
 */
final class WalkBudget {
    private static final VarHandle FULL_AT = StreamActivity.field(MethodHandles.lookup(), "fullAtMicros", long.class);
    private static final long SECOND_MICROS = 1_000_000;

    @SuppressWarnings("unused") // through FULL_AT
    private volatile long fullAtMicros;

    /** The interval between walks at this rate, as the methods below take it; 0 for a rate of 0 (no walks). */
    static long intervalMicros(int perSecond) {
        return perSecond <= 0 ? 0 : Math.max(1, SECOND_MICROS / perSecond);
    }

    /** Whether a walk would be granted now, without taking it: one read, no write. */
    boolean available(long nowMillis, long interval) {
        if (interval <= 0) {
            return false;
        }
        long now = nowMillis * 1000;
        return Math.max((long) FULL_AT.getOpaque(this), now) - now <= SECOND_MICROS - interval;
    }

    /** Takes a walk if the bucket holds one. */
    boolean take(long nowMillis, long interval) {
        if (interval <= 0) {
            return false;
        }
        long now = nowMillis * 1000;
        for (int attempt = 0; attempt < 4; attempt++) {
            long fullAt = (long) FULL_AT.getOpaque(this);
            long from = Math.max(fullAt, now);
            if (from - now > SECOND_MICROS - interval) {
                return false;
            }
            if (FULL_AT.compareAndSet(this, fullAt, from + interval)) {
                return true;
            }
        }
        // Contended: another thread just took a walk; not sampling this one is the cheap answer.
        return false;
    }
}
