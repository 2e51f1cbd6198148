package dev.streamscope.app.jmx.sample;

/**
 * A garbage collector's running totals, polled each tick so that collections missed by notifications (during a
 * reconnect, say) can be recovered.
 */
public record CollectorTotals(String name, long collectionCount, long collectionTimeMillis) {}
