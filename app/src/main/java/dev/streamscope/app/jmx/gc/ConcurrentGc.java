package dev.streamscope.app.jmx.gc;

import java.util.Set;

/**
 * Tells concurrent GC cycles from pauses. A concurrent cycle runs beside the application, so its "duration" is how
 * long the cycle took, not how long the application stood still; charting it as a pause would show ZGC or Shenandoah
 * stopping the world for hundreds of milliseconds when it stopped it for one. Notifications carry no flag for this:
 * the JVM reports its cycles under collectors of their own (ZGC and Shenandoah, G1 since JDK 20) with actions of their
 * own, so the names are all there is to go by.
 */
final class ConcurrentGc {

    private static final Set<String> CONCURRENT_COLLECTORS =
            Set.of("G1 Concurrent GC", "ZGC Cycles", "ZGC Major Cycles", "ZGC Minor Cycles", "Shenandoah Cycles");

    private static final Set<String> CONCURRENT_ACTIONS = Set.of("end of concurrent GC pause", "end of GC cycle");

    private ConcurrentGc() {}

    static boolean isConcurrent(String collector, String action) {
        return CONCURRENT_COLLECTORS.contains(collector) || CONCURRENT_ACTIONS.contains(action);
    }
}
