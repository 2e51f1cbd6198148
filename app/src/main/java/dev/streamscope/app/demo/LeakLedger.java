package dev.streamscope.app.demo;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the server's open {@code Watch} streams and the bytes they pin. The ledger only counts: each buffer is held by
 * its stream's handler, so it stays reachable exactly as long as the gRPC stream stays open, as in a real leak.
 */
final class LeakLedger implements LeakMXBean {

    private final int bytesPerStream;
    private final long pinnedBytesCap;
    private final int leakCap;
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicLong pinnedBytes = new AtomicLong();
    private final AtomicLong abandonedStreams = new AtomicLong();

    LeakLedger(int bytesPerStream, long pinnedBytesCap, int leakCap) {
        this.bytesPerStream = bytesPerStream;
        this.pinnedBytesCap = pinnedBytesCap;
        this.leakCap = leakCap;
    }

    /** A buffer for a stream that just opened; empty once the cap on pinned bytes is reached (the hard OOM guard). */
    Pin open() {
        openStreams.incrementAndGet();
        long after = pinnedBytes.addAndGet(bytesPerStream);
        if (after > pinnedBytesCap) {
            pinnedBytes.addAndGet(-bytesPerStream);
            return new Pin(new byte[0]);
        }
        return new Pin(new byte[bytesPerStream]);
    }

    void recordAbandoned() {
        abandonedStreams.incrementAndGet();
    }

    boolean leakCapReached() {
        return abandonedStreams.get() >= leakCap;
    }

    @Override
    public int getLeakedStreams() {
        return openStreams.get();
    }

    @Override
    public long getPinnedBytes() {
        return pinnedBytes.get();
    }

    @Override
    public long getAbandonedStreams() {
        return abandonedStreams.get();
    }

    @Override
    public int getLeakCap() {
        return leakCap;
    }

    /** One stream's buffer; released once, when the stream ends however it ends. */
    final class Pin {
        private byte[] buffer;

        private Pin(byte[] buffer) {
            this.buffer = buffer;
        }

        synchronized void release() {
            if (buffer == null) {
                return;
            }
            pinnedBytes.addAndGet(-buffer.length);
            openStreams.decrementAndGet();
            buffer = null;
        }
    }
}
