package dev.streamscope.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calls in flight from the raw counters, as Prometheus answers {@link StandardCounters}'s queries. */
class StandardCountersTest {

    private static final List<StandardFamilies.Part> ALL = StandardFamilies.ALL;

    @Test
    void theSparklineOfAnInstanceIsItsBridgeLineElseItsCallsInFlightOverEveryFamilyAndSide() {
        Map<Map<String, String>, Sparkline> raw = new HashMap<>();
        raw.put(Map.of("instance", "bridged"), line(1, 2));
        raw.put(Map.of("__name__", "grpc_server_started_total", "instance", "bridged"), line(100, 200));
        raw.put(Map.of("__name__", "grpc_server_started_total", "instance", "go"), line(10, 20));
        raw.put(Map.of("__name__", "grpc_server_handled_total", "instance", "go"), line(9, 18));
        raw.put(Map.of("__name__", "grpc_client_started_total", "instance", "go"), line(5, Double.NaN));
        raw.put(Map.of("__name__", "grpc_server_active_seconds_active_count", "instance", "micrometer"), line(3, 4));
        raw.put(Map.of("__name__", "grpc_server_call_started_total", "instance", "otel"), line(7, 8));
        raw.put(Map.of("__name__", "grpc_server_call_duration_seconds_count", "instance", "otel"), line(7, 7));

        // a busy service's counters after months: a float would make these 7 and 8 in flight 0 or 128
        raw.put(Map.of("__name__", "grpc_server_started_total", "instance", "busy"), line(2e9 + 7, 2e9 + 108));
        raw.put(Map.of("__name__", "grpc_server_handled_total", "instance", "busy"), line(2e9, 2e9 + 100));

        Map<String, Sparkline> lines = StandardCounters.byInstance(ALL, raw);

        assertThat(values(lines.get("bridged"))).containsExactly(1, 2);
        // server 1, 2 in flight; client 5 started and none finished, then no sample
        assertThat(values(lines.get("go"))).containsExactly(6, 2);
        assertThat(values(lines.get("micrometer"))).containsExactly(3, 4);
        assertThat(values(lines.get("otel"))).containsExactly(0, 1);
        assertThat(values(lines.get("busy"))).containsExactly(7, 8);
    }

    @Test
    void callsInFlightNowByMethodAsTheMethodsAreRead() {
        List<PrometheusSeries> inFlight = StandardCounters.inFlight(
                ALL,
                List.of(
                        now("grpc_server_started_total", Map.of("grpc_service", "pkg.Svc", "grpc_method", "Watch"), 50),
                        now("grpc_server_handled_total", Map.of("grpc_service", "pkg.Svc", "grpc_method", "Watch"), 20),
                        now("grpc_client_attempt_started_total", Map.of("grpc_method", "pkg.Svc/Check"), 4),
                        now("grpc_server_handled_total", Map.of("grpc_service", "pkg.Svc", "grpc_method", "Gone"), 9)));

        assertThat(inFlight)
                .extracting(PrometheusSeries::labels, PrometheusSeries::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                Map.of(
                                        "instance", "a",
                                        "source", "go-grpc-prometheus",
                                        "side", "server",
                                        "method", "pkg.Svc/Watch"),
                                30.0),
                        org.assertj.core.groups.Tuple.tuple(
                                Map.of(
                                        "instance", "a",
                                        "source", "opentelemetry",
                                        "side", "client",
                                        "method", "pkg.Svc/Check"),
                                4.0));
    }

    private static PrometheusSeries now(String name, Map<String, String> method, double value) {
        Map<String, String> labels = new HashMap<>(method);
        labels.put("__name__", name);
        labels.put("instance", "a");
        return new PrometheusSeries(labels, value, Sparkline.EMPTY);
    }

    private static Sparkline line(double... values) {
        return new Sparkline(0, 15_000, values);
    }

    private static double[] values(Sparkline line) {
        double[] values = new double[line.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = line.valueAt(i);
        }
        return values;
    }
}
