package dev.streamscope.bridge;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A wall clock read by one daemon thread every {@value #TICK_MILLIS} ms, so that a call reads a field instead.
 *
 * <p>Why: a unary call passes the bridge five times (open, message in, half-close, message out, end) and each wants the
 * time. {@code System.currentTimeMillis()} costs about 25 ns on the 2-core VM we measure on, so reading it each time
 * was some 125 ns of a 3 µs in-process call, more than the bridge may cost. Ages are shown in seconds and lifetimes are
 * seconds to hours, so 10 ms of resolution loses nothing a user sees; the mean lifetime of ended streams stays unbiased
 * because start and end are rounded alike. Under CPU starvation it may fall behind by as long as it is not scheduled,
 * which a starving service has bigger problems with.
 *
 * <p>The thread runs only while some registry holds the clock: from a registry's first tracked stream until that
 * registry is closed. A service that redeploys inside one JVM closes its bridge, the thread ends, and nothing of the
 * old class loader stays reachable from a live thread.
 */
final class TickingClock implements MillisClock {
    static final long TICK_MILLIS = 10;

    private static final TickingClock SHARED = new TickingClock("streamscope-bridge-clock");

    private final String threadName;
    private volatile long millis = System.currentTimeMillis();
    private int holders;
    private Thread ticker;

    TickingClock(String threadName) {
        this.threadName = threadName;
    }

    /** The one clock of this class loader; its thread starts with the first {@link #hold()}. */
    static TickingClock shared() {
        return SHARED;
    }

    @Override
    public long millis() {
        return millis;
    }

    /** Starts the thread unless a holder already did; the time is fresh when this returns. */
    @Override
    public synchronized void hold() {
        if (holders++ == 0) {
            millis = System.currentTimeMillis();
            Thread started = new Thread(this::tick, threadName);
            started.setDaemon(true);
            started.start();
            ticker = started;
        }
    }

    /** Stops the thread when the last holder lets go. */
    @Override
    public synchronized void release() {
        if (holders > 0 && --holders == 0) {
            LockSupport.unpark(ticker);
            ticker = null;
        }
    }

    /** Whether the thread is running; for tests. */
    synchronized boolean ticking() {
        return ticker != null;
    }

    private void tick() {
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        Thread self = Thread.currentThread();
        // Interrupts are ignored on purpose: calls must never see a clock that stopped while it is held.
        while (isCurrentTicker(self)) {
            millis = System.currentTimeMillis();
            LockSupport.parkNanos(this, tickNanos);
        }
    }

    private synchronized boolean isCurrentTicker(Thread thread) {
        return ticker == thread;
    }
}
