package dev.streamscope.app.jmx.transport;

import java.util.concurrent.atomic.AtomicLong;

/** The {@link WireMeter} of one opened target: the metered RMI sockets add to it, the poller reads it. */
final class WireCounter implements WireMeter {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    void addSent(long bytes) {
        sent.addAndGet(bytes);
    }

    void addReceived(long bytes) {
        received.addAndGet(bytes);
    }

    @Override
    public long bytesSent() {
        return sent.get();
    }

    @Override
    public long bytesReceived() {
        return received.get();
    }

    @Override
    public String toString() {
        return "WireCounter[sent=" + sent + ", received=" + received + "]";
    }
}
