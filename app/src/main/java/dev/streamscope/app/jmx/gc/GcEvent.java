package dev.streamscope.app.jmx.gc;

/**
 * One garbage collection, from a GC notification, or recovered from the collectors' totals when notifications were
 * missed.
 *
 * @param endEpochMillis when the collection ended, on the target's wall clock
 * @param collector the collector's own name ("G1 Young Generation", "ZGC Cycles", …)
 * @param action the JVM's words for it ("end of minor GC", "end of major GC", …)
 * @param cause the JVM's cause ("G1 Evacuation Pause", "System.gc()", …), or "unknown" for recovered collections
 * @param durationMillis the pause (or, for a concurrent cycle, the cycle) length; for recovered collections the total
 *     time of all of them
 * @param concurrent true for concurrent cycles ("G1 Concurrent GC", "ZGC Cycles", "Shenandoah Cycles"), which are not
 *     pauses and are charted apart
 * @param recoveredCount 0 for a notified collection; for a recovered point, how many collections it stands for
 * @param gcId the collector's own number for this collection (its collection count right after it), or 0 for a
 *     recovered point; it tells which collections notifications have explained, whenever they arrive
 * @param oldGenAfterGcBytes the old generation's usage right after this collection, from the notification, or -1
 *     when unknown (recovered points, collectors whose pools we do not recognise)
 */
public record GcEvent(
        long endEpochMillis,
        String collector,
        String action,
        String cause,
        long durationMillis,
        boolean concurrent,
        int recoveredCount,
        long gcId,
        long oldGenAfterGcBytes) {

    /** An event without old-generation figures. */
    public GcEvent(
            long endEpochMillis,
            String collector,
            String action,
            String cause,
            long durationMillis,
            boolean concurrent,
            int recoveredCount,
            long gcId) {
        this(endEpochMillis, collector, action, cause, durationMillis, concurrent, recoveredCount, gcId, -1);
    }

    public boolean recovered() {
        return recoveredCount > 0;
    }
}
