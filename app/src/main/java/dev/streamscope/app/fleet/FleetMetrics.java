package dev.streamscope.app.fleet;

import java.util.List;

/**
 * The metric names a fleet evaluation asks Prometheus for; the defaults are the jmx-bridge's names from its JMX
 * exporter rules and its Micrometer binder, and the JVM heap names of both exporters. A fleet that renamed them sets
 * its own.
 *
 * @param open open streams per series (summed over a Micrometer binder's {@code method} and {@code side} tags)
 * @param overdue streams older than their lifetime
 * @param oldestAgeSeconds age of the oldest open stream
 * @param heapUsed heap used in bytes, first name that an instance reports wins (JMX exporter, then Micrometer)
 * @param heapMax heap maximum in bytes, same rule
 * @param perStreamLabels labels that split one instance's streams (summed away, so one row per instance)
 */
public record FleetMetrics(
        String open,
        String overdue,
        String oldestAgeSeconds,
        List<String> heapUsed,
        List<String> heapMax,
        List<String> perStreamLabels) {

    public static final FleetMetrics DEFAULTS = new FleetMetrics(
            "grpc_streams_open",
            "grpc_streams_overdue",
            "grpc_streams_oldest_age_seconds",
            // JMX exporter before 1.0 (client_java simpleclient), then 1.x and Micrometer
            List.of("jvm_memory_bytes_used", "jvm_memory_used_bytes"),
            List.of("jvm_memory_bytes_max", "jvm_memory_max_bytes"),
            List.of("method", "side"));

    public FleetMetrics {
        open = metricName(open);
        overdue = metricName(overdue);
        oldestAgeSeconds = metricName(oldestAgeSeconds);
        heapUsed = heapUsed.stream().map(FleetMetrics::metricName).toList();
        heapMax = heapMax.stream().map(FleetMetrics::metricName).toList();
        perStreamLabels = perStreamLabels.stream().map(FleetMetrics::labelName).toList();
    }

    /**
     * Reads the settings' text form, {@code open=…;overdue=…;oldest=…;heapUsed=a,b;heapMax=a,b}; missing keys keep
     * their default.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static FleetMetrics parse(String text) {
        FleetMetrics metrics = DEFAULTS;
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("'" + entry.strip() + "' is not name=metric; e.g. open=my_open");
            }
            String key = entry.substring(0, equals).strip();
            String value = entry.substring(equals + 1).strip();
            List<String> values = List.of(value.split("\\s*,\\s*"));
            metrics = switch (key) {
                case "open" ->
                    new FleetMetrics(
                            value,
                            metrics.overdue,
                            metrics.oldestAgeSeconds,
                            metrics.heapUsed,
                            metrics.heapMax,
                            metrics.perStreamLabels);
                case "overdue" ->
                    new FleetMetrics(
                            metrics.open,
                            value,
                            metrics.oldestAgeSeconds,
                            metrics.heapUsed,
                            metrics.heapMax,
                            metrics.perStreamLabels);
                case "oldest" ->
                    new FleetMetrics(
                            metrics.open,
                            metrics.overdue,
                            value,
                            metrics.heapUsed,
                            metrics.heapMax,
                            metrics.perStreamLabels);
                case "heapUsed" ->
                    new FleetMetrics(
                            metrics.open,
                            metrics.overdue,
                            metrics.oldestAgeSeconds,
                            values,
                            metrics.heapMax,
                            metrics.perStreamLabels);
                case "heapMax" ->
                    new FleetMetrics(
                            metrics.open,
                            metrics.overdue,
                            metrics.oldestAgeSeconds,
                            metrics.heapUsed,
                            values,
                            metrics.perStreamLabels);
                default ->
                    throw new IllegalArgumentException(
                            "unknown metric key '" + key + "'; use open, overdue, oldest, heapUsed or heapMax");
            };
        }
        return metrics;
    }

    /** The text form {@link #parse} reads. */
    public String toText() {
        return "open=" + open + ";overdue=" + overdue + ";oldest=" + oldestAgeSeconds + ";heapUsed="
                + String.join(",", heapUsed) + ";heapMax=" + String.join(",", heapMax);
    }

    // names go into PromQL verbatim, so only Prometheus's own name syntax passes: no injection through settings
    private static String metricName(String name) {
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("'" + name + "' is not a Prometheus metric name");
        }
        return name;
    }

    private static String labelName(String name) {
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("'" + name + "' is not a Prometheus label name");
        }
        return name;
    }
}
