package dev.streamscope.app.fleet;

import java.util.List;

/**
 * A metric family an instance may export, found by its names being present: no configuration. Names and semantics
 * come from the projects' own sources:
 *
 * <ul>
 *   <li>{@link #BRIDGE}: the jmx-bridge's exporter rules or Micrometer binder ({@link FleetMetrics}). Proves exact open
 *       streams, overdue streams (older than their lifetime) and the oldest's age.
 *   <li>{@link #GO_GRPC_PROMETHEUS}: go-grpc-prometheus's (and go-grpc-middleware providers') interceptors,
 *       {@code grpc_server_started_total} − {@code grpc_server_handled_total} and the client's alike, labels
 *       {@code grpc_service}, {@code grpc_method}, {@code grpc_type}. In flight only: no age, so never "overdue"; a
 *       leak shows as growth.
 *   <li>{@link #OPENTELEMETRY}: grpc-java's {@code grpc-opentelemetry} (gRFC A66) through the OpenTelemetry Prometheus
 *       exporter, {@code grpc_server_call_started_total} − {@code grpc_server_call_duration_seconds_count} and the
 *       client attempts alike, label {@code grpc_method} (the full name; {@code other} for methods not generated). In
 *       flight only, like go-grpc-prometheus; a client counts attempts (a retried call is several).
 *   <li>{@link #MICROMETER_OBSERVATION}: Micrometer's gRPC observation ({@code ObservationGrpcServerInterceptor},
 *       {@code ObservationGrpcClientInterceptor}) with its default meter handler's long-task timer
 *       {@code grpc.server.active}: {@code grpc_server_active_seconds_count} (before Micrometer 1.13
 *       {@code …_active_count}) is in flight and
 *       {@code grpc_server_active_seconds_max} the oldest call's age, labels {@code rpc_service}, {@code rpc_method}. An
 *       age, but no lifetime to compare it with, so still never "overdue".
 * </ul>
 */
public enum FleetSource {
    BRIDGE("bridge", null, null, null, List.of()),
    GO_GRPC_PROMETHEUS(
            "go-grpc-prometheus",
            "grpc_%s_started_total",
            "grpc_%s_handled_total",
            null,
            List.of("grpc_service", "grpc_method")),
    OPENTELEMETRY("opentelemetry", null, null, null, List.of("grpc_method")),
    MICROMETER_OBSERVATION(
            "micrometer-observation",
            null,
            null,
            // Micrometer 1.13+ (Prometheus client 1.x) names the timer's active calls _count, earlier registries
            // _active_count (checked against a real registry in MicrometerObservationNamesTest)
            "grpc_%s_active_seconds_(active_)?count",
            List.of("rpc_service", "rpc_method"));

    /** The sides a standard family reports, as the text of {@link FleetRow#side()}. */
    public static final List<String> SIDES = List.of("server", "client");

    private final String id;
    private final String started;
    private final String finished;
    private final String active;
    private final List<String> methodLabels;

    FleetSource(String id, String started, String finished, String active, List<String> methodLabels) {
        this.id = id;
        this.started = started;
        this.finished = finished;
        this.active = active;
        this.methodLabels = methodLabels;
    }

    /** The name in {@code fleet.json} and the tab's source column. */
    public String id() {
        return id;
    }

    public static FleetSource of(String id) {
        for (FleetSource source : values()) {
            if (source.id.equals(id)) {
                return source;
            }
        }
        return null;
    }

    /** Calls started on a side, or null for a family that counts no starts. */
    String started(String side) {
        return switch (this) {
            case OPENTELEMETRY ->
                side.equals("server") ? "grpc_server_call_started_total" : "grpc_client_attempt_started_total";
            default -> started == null ? null : started.formatted(side);
        };
    }

    /** Calls finished on a side (a histogram's count for OpenTelemetry), or null. */
    String finished(String side) {
        return switch (this) {
            case OPENTELEMETRY ->
                side.equals("server")
                        ? "grpc_server_call_duration_seconds_count"
                        : "grpc_client_attempt_duration_seconds_count";
            default -> finished == null ? null : finished.formatted(side);
        };
    }

    /** The names of calls in flight as a gauge (a long-task timer's active count), as a regular expression, or null. */
    String activeName(String side) {
        return active == null ? null : active.formatted(side);
    }

    /** The long-task timer's oldest active call, in seconds, or null. */
    String oldest(String side) {
        return this == MICROMETER_OBSERVATION ? "grpc_%s_active_seconds_max".formatted(side) : null;
    }

    /** The label(s) naming a call's method, joined with "/" into the full method name. */
    List<String> methodLabels() {
        return methodLabels;
    }

    /** Every family looked for, for "No instance reports…". */
    public static String looksFor(FleetMetrics metrics) {
        return metrics.open() + " (jmx-bridge), grpc_server_started_total/grpc_client_started_total"
                + " (go-grpc-prometheus), grpc_server_call_started_total/grpc_client_attempt_started_total"
                + " (grpc-java OpenTelemetry), grpc_server_active_seconds_count/grpc_client_active_seconds_count"
                + " (Micrometer gRPC observation)";
    }
}
