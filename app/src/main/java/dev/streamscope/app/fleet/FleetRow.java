package dev.streamscope.app.fleet;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One instance of the fleet at one refresh. A value the instance does not report is NaN.
 *
 * @param instance Prometheus's {@code instance} label, e.g. {@code 10.0.3.7:9404}
 * @param labels every label its open-streams series carries (job, namespace, pod…), for filters and address templates
 * @param open open streams
 * @param perMinute growth of the open streams per minute over the trend window (least squares, {@code deriv})
 * @param overdue streams older than their lifetime (NaN when the bridge was given no lifetimes)
 * @param oldestAgeSeconds age of the oldest open stream
 * @param heapUsedBytes heap used, when the JVM's metrics are scraped too
 * @param heapMaxBytes heap maximum, same
 * @param sparkline open streams (or calls in flight) over the last 15 minutes
 * @param source the metric family the row comes from ({@link FleetSource#id()})
 * @param side of the row's method: {@code server} or {@code client}; null for a bridge row
 * @param method the method whose calls in flight grow fastest (else the most in flight); null for a bridge row
 * @param inFlight that method's calls in flight; a bridge row's open streams
 * @param methods every method on either side, fastest growing first (empty for a bridge-only instance)
 */
public record FleetRow(
        String instance,
        Map<String, String> labels,
        double open,
        double perMinute,
        double overdue,
        double oldestAgeSeconds,
        double heapUsedBytes,
        double heapMaxBytes,
        Sparkline sparkline,
        String source,
        String side,
        String method,
        double inFlight,
        List<FleetMethod> methods) {

    /**
     * Growth below this many streams per minute is noise, not a leak: a healthy instance's open streams wander up and
     * down with traffic, and a least-squares slope over a minute is rarely exactly zero.
     */
    public static final double GROWING_PER_MINUTE = 1.0;

    /**
     * Worst first: overdue streams (proven too old) before growth (a leak not yet proven by age) before sheer open
     * streams; ties by instance so the order is stable between refreshes.
     */
    public static final Comparator<FleetRow> WORST_FIRST = Comparator.comparingDouble(
                    (FleetRow row) -> orZero(row.overdue))
            .reversed()
            .thenComparing(Comparator.comparingDouble((FleetRow row) -> orZero(row.perMinute))
                    .reversed())
            .thenComparing(Comparator.comparingDouble((FleetRow row) -> orZero(row.open))
                    .reversed())
            .thenComparing(FleetRow::instance);

    public FleetRow {
        labels = Map.copyOf(labels);
        methods = List.copyOf(methods);
    }

    /** A bridge row: open streams, no methods. */
    public FleetRow(
            String instance,
            Map<String, String> labels,
            double open,
            double perMinute,
            double overdue,
            double oldestAgeSeconds,
            double heapUsedBytes,
            double heapMaxBytes,
            Sparkline sparkline) {
        this(
                instance,
                labels,
                open,
                perMinute,
                overdue,
                oldestAgeSeconds,
                heapUsedBytes,
                heapMaxBytes,
                sparkline,
                FleetSource.BRIDGE.id(),
                null,
                null,
                open,
                List.of());
    }

    /** Whether the row comes from a standard family (calls in flight), not the bridge. */
    public boolean standard() {
        return !FleetSource.BRIDGE.id().equals(source);
    }

    public boolean hasOverdue() {
        return overdue > 0;
    }

    /**
     * A bridge row grows at {@link #GROWING_PER_MINUTE}; a standard row when one of its methods rises steadily over the
     * trend window (the target tab's rule).
     */
    public boolean grows() {
        return standard() ? methods.stream().anyMatch(FleetMethod::growing) : perMinute >= GROWING_PER_MINUTE;
    }

    /** The host part of the instance label: {@code 10.0.3.7} of {@code 10.0.3.7:9404}, {@code ::1} of {@code [::1]:80}. */
    public String host() {
        if (instance.startsWith("[")) {
            int close = instance.indexOf(']');
            return close > 0 ? instance.substring(1, close) : instance;
        }
        int colon = instance.lastIndexOf(':');
        return colon > 0 && instance.indexOf(':') == colon ? instance.substring(0, colon) : instance;
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
