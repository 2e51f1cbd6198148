package dev.streamscope.app.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Reads the whole fleet from Prometheus in a constant number of queries, sent at once: instant aggregations
 * {@code by (instance)} for each column and one range query for every sparkline, never a query per instance. Keep one
 * evaluator for a refreshing view: it keeps the sparklines, and later refreshes ask only for the steps since the last.
 * One refresh at a time.
 */
public final class FleetEvaluator {

    /** Rows kept per refresh; beyond it the least bad instances are counted, not kept, so memory stays bounded. */
    public static final int MAX_INSTANCES = 5_000;

    public static final Duration SPARKLINE_SPAN = Duration.ofMinutes(15);
    public static final Duration SPARKLINE_STEP = Duration.ofSeconds(15);

    private static final String INSTANCE = "instance";

    private final PrometheusClient client;
    private final FleetMetrics metrics;
    private final Duration trendWindow;
    private final Clock clock;
    private final SparklineHistory sparklineHistory = new SparklineHistory(SPARKLINE_SPAN, SPARKLINE_STEP);

    public FleetEvaluator(PrometheusClient client, FleetMetrics metrics, Duration trendWindow, Clock clock) {
        this.client = client;
        this.metrics = metrics;
        this.trendWindow = trendWindow;
        this.clock = clock;
    }

    public PrometheusClient client() {
        return client;
    }

    public FleetMetrics metrics() {
        return metrics;
    }

    /**
     * One refresh.
     *
     * @throws PrometheusProblem when Prometheus cannot be read, rejects a query, or no instance reports open streams
     */
    public FleetSnapshot evaluate() throws PrometheusProblem {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Map<String, String> queries = queries();
        Map<String, CompletableFuture<List<PrometheusSeries>>> answers = new LinkedHashMap<>();
        queries.forEach((column, promql) -> answers.put(column, client.instant(promql)));
        SparklineHistory.Window window = sparklineHistory.window(now);
        CompletableFuture<List<PrometheusSeries>> sparklines =
                client.range(sumByInstance(metrics.open()), window.fetchFrom(), window.end(), SPARKLINE_STEP);

        List<PrometheusSeries> open = client.await(answers.get("open"));
        if (open.isEmpty()) {
            throw new PrometheusProblem(
                    PrometheusProblem.Kind.NO_INSTANCES,
                    "no instance reports " + metrics.open() + ": add the bridge's exporter rules or its Micrometer"
                            + " binder, see jmx-bridge/README.md");
        }
        Map<String, Double> perMinute = byInstance(client.await(answers.get("perMinute")));
        Map<String, Double> overdue = byInstance(client.await(answers.get("overdue")));
        Map<String, Double> oldest = byInstance(client.await(answers.get("oldest")));
        Map<String, Double> heapUsed = byInstance(client.await(answers.get("heapUsed")));
        Map<String, Double> heapMax = byInstance(client.await(answers.get("heapMax")));
        Map<String, Sparkline> lines = sparklineHistory.update(window, client.await(sparklines));

        List<FleetRow> rows = new ArrayList<>();
        instances(open)
                .forEach((instance, series) -> rows.add(new FleetRow(
                        instance,
                        series.labels(),
                        series.value(),
                        perMinute.getOrDefault(instance, Double.NaN),
                        overdue.getOrDefault(instance, Double.NaN),
                        oldest.getOrDefault(instance, Double.NaN),
                        heapUsed.getOrDefault(instance, Double.NaN),
                        heapMax.getOrDefault(instance, Double.NaN),
                        lines.getOrDefault(instance, Sparkline.EMPTY))));
        rows.sort(FleetRow.WORST_FIRST);
        int omitted = Math.max(0, rows.size() - MAX_INSTANCES);
        List<FleetRow> kept = rows.subList(0, rows.size() - omitted);
        return new FleetSnapshot(
                now, trendWindow, kept, omitted, queries.size() + 1, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The instant queries of a refresh, by column; the sparklines add one range query. */
    public Map<String, String> queries() {
        Map<String, String> queries = new LinkedHashMap<>();
        // without (not by): keeps every target label (job, namespace, pod, pod_ip…) for filters and templates
        queries.put(
                "open", "sum without (" + String.join(", ", metrics.perStreamLabels()) + ") (" + metrics.open() + ")");
        queries.put(
                "perMinute",
                "sum by (instance) (deriv(" + metrics.open() + "[" + trendWindow.toSeconds() + "s])) * 60");
        queries.put("overdue", sumByInstance(metrics.overdue()));
        queries.put("oldest", "max by (instance) (" + metrics.oldestAgeSeconds() + ")");
        queries.put("heapUsed", firstReported(metrics.heapUsed()));
        queries.put("heapMax", firstReported(metrics.heapMax()));
        return queries;
    }

    private static String sumByInstance(String metric) {
        return "sum by (instance) (" + metric + ")";
    }

    // a JVM scraped by both exporters is counted once: "or" keeps the left side where both have the instance;
    // Micrometer reports -1 as the max of a pool without one (G1 Eden), which must not lower the sum
    private static String firstReported(List<String> names) {
        return names.stream()
                .map(name -> sumByInstance(name + "{area=\"heap\"} >= 0"))
                .collect(Collectors.joining(" or "));
    }

    private static Map<String, Double> byInstance(List<PrometheusSeries> answer) {
        Map<String, Double> values = new HashMap<>();
        for (PrometheusSeries series : answer) {
            values.merge(series.labels().getOrDefault(INSTANCE, ""), series.value(), Double::sum);
        }
        return values;
    }

    /**
     * One series per instance: an instance with several (e.g. two trackers, or labels that differ) gets their sum
     * and the labels they share.
     */
    private static Map<String, PrometheusSeries> instances(List<PrometheusSeries> open) {
        Map<String, PrometheusSeries> instances = new LinkedHashMap<>();
        for (PrometheusSeries series : open) {
            instances.merge(series.labels().getOrDefault(INSTANCE, ""), series, FleetEvaluator::combine);
        }
        return instances;
    }

    private static PrometheusSeries combine(PrometheusSeries first, PrometheusSeries second) {
        Map<String, String> shared = new HashMap<>(first.labels());
        shared.entrySet()
                .removeIf(label -> !label.getValue().equals(second.labels().get(label.getKey())));
        return new PrometheusSeries(shared, first.value() + second.value(), Sparkline.EMPTY);
    }
}
