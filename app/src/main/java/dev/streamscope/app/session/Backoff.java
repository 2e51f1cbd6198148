package dev.streamscope.app.session;

import java.time.Duration;

/** Reconnect delays: 1 s doubling to 30 s, reset by a successful connection. Confined to the poller thread. */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    Duration next() {
        Duration current = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        return current;
    }

    void reset() {
        next = first;
    }
}
