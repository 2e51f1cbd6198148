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
 * {@code by (instance)} for each column, one range query for every sparkline and, when a standard family is present,
 * one for the trend of every method, never a query per instance. Keep one evaluator for a refreshing view: it keeps the
 * sparklines and the trend, and later refreshes ask only for the steps since the last. One refresh at a time.
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
    // by the answer's labels: the bridge's open streams by instance, the standard counters by name and instance
    private final SparklineHistory<Map<String, String>> sparklineHistory;
    // the standard counters by name, instance and method over the trend window (StandardCounters): with 10 methods
    // of 1,000 instances its range query was most of a kept refresh's work, so it too asks only for the new steps
    private final SparklineHistory<Map<String, String>> trendHistory;
    // the standard families found at the last refresh (all of them before the first): an absent family costs no
    // range query after the first refresh
    private List<StandardFamilies.Part> presentParts = StandardFamilies.ALL;

    public FleetEvaluator(PrometheusClient client, FleetMetrics metrics, Duration trendWindow, Clock clock) {
        this(client, metrics, trendWindow, clock, SPARKLINE_SPAN, SPARKLINE_STEP);
    }

    /** With sparklines of another span and step: tests use seconds, not the window's 15 minutes. */
    FleetEvaluator(
            PrometheusClient client,
            FleetMetrics metrics,
            Duration trendWindow,
            Clock clock,
            Duration sparklineSpan,
            Duration sparklineStep) {
        this.client = client;
        this.metrics = metrics;
        this.trendWindow = trendWindow;
        this.clock = clock;
        this.sparklineHistory = new SparklineHistory<>(sparklineSpan, sparklineStep, labels -> labels);
        this.trendHistory = new SparklineHistory<>(trendWindow, trendStep(trendWindow), labels -> labels);
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
        List<StandardFamilies.Part> parts = presentParts;
        String sparklineQuery = sparklineQuery(parts);
        SparklineHistory.Window window = sparklineHistory.window(now, sparklineQuery);
        CompletableFuture<List<PrometheusSeries>> sparklines =
                client.range(sparklineQuery, window.fetchFrom(), window.end(), sparklineHistory.step());
        int rangeQueries = 1;
        SparklineHistory.Window trendWindowSteps = null;
        CompletableFuture<List<PrometheusSeries>> trend = CompletableFuture.completedFuture(List.of());
        if (!parts.isEmpty()) {
            trendWindowSteps = trendHistory.window(now, StandardCounters.query(parts));
            trend = client.range(
                    trendWindowSteps.query(),
                    trendWindowSteps.fetchFrom(),
                    trendWindowSteps.end(),
                    trendHistory.step());
            rangeQueries++;
        }

        List<PrometheusSeries> open = client.await(answers.get("open"));
        List<PrometheusSeries> inFlight =
                StandardCounters.inFlight(StandardFamilies.ALL, client.await(answers.get("inFlight")));
        presentParts = StandardFamilies.present(inFlight);
        if (open.isEmpty() && inFlight.isEmpty()) {
            throw new PrometheusProblem(
                    PrometheusProblem.Kind.NO_INSTANCES,
                    "No instance reports any of " + FleetSource.looksFor(metrics) + ": add the bridge's exporter rules"
                            + " or its Micrometer binder (see jmx-bridge/README.md), or export the standard gRPC"
                            + " metrics (see docs/fleet.md)");
        }
        Map<StandardFamilies.Trend, Sparkline> trendLines = trendWindowSteps == null
                ? Map.of()
                : StandardCounters.trend(parts, trendHistory.update(trendWindowSteps, client.await(trend)));
        Map<String, List<StandardFamilies.Read>> methods = StandardFamilies.methods(
                inFlight, client.await(answers.get("standardOldest")), trendLines, trendWindow);
        Map<String, Map<String, String>> targets = new HashMap<>();
        for (PrometheusSeries series : client.await(answers.get("targets"))) {
            targets.merge(series.labels().getOrDefault(INSTANCE, ""), series.labels(), FleetEvaluator::shared);
        }
        Map<String, Double> perMinute = byInstance(client.await(answers.get("perMinute")));
        Map<String, Double> overdue = byInstance(client.await(answers.get("overdue")));
        Map<String, Double> oldest = byInstance(client.await(answers.get("oldest")));
        Map<String, Double> heapUsed = byInstance(client.await(answers.get("heapUsed")));
        Map<String, Double> heapMax = byInstance(client.await(answers.get("heapMax")));
        Map<String, Sparkline> lines =
                StandardCounters.byInstance(parts, sparklineHistory.update(window, client.await(sparklines)));
        if (!presentParts.equals(parts) && parts.containsAll(presentParts)) {
            // fewer families than asked for (all of them at the first refresh): the kept lines answer the narrower
            // queries too, as a family found nowhere gave no series now, so the next refresh still asks only for the
            // new steps instead of both whole spans again
            sparklineHistory.keptAnswers(sparklineQuery(presentParts));
            trendHistory.keptAnswers(StandardCounters.query(presentParts));
        }

        List<FleetRow> rows = new ArrayList<>();
        Map<String, PrometheusSeries> bridged = instances(open);
        bridged.forEach((instance, series) -> rows.add(new FleetRow(
                instance,
                series.labels(),
                series.value(),
                perMinute.getOrDefault(instance, Double.NaN),
                overdue.getOrDefault(instance, Double.NaN),
                oldest.getOrDefault(instance, Double.NaN),
                heapUsed.getOrDefault(instance, Double.NaN),
                heapMax.getOrDefault(instance, Double.NaN),
                lines.getOrDefault(instance, Sparkline.EMPTY),
                FleetSource.BRIDGE.id(),
                null,
                null,
                series.value(),
                methods.getOrDefault(instance, List.of()).stream()
                        .map(StandardFamilies.Read::method)
                        .toList())));
        methods.forEach((instance, reads) -> {
            if (bridged.containsKey(instance)) {
                return;
            }
            StandardFamilies.Read top = reads.get(0);
            double ages = reads.stream()
                    .mapToDouble(read -> read.method().oldestAgeSeconds())
                    .filter(Double::isFinite)
                    .max()
                    .orElse(Double.NaN);
            Map<String, String> labels = new HashMap<>(targets.getOrDefault(instance, Map.of()));
            labels.put(INSTANCE, instance);
            labels.remove("__name__"); // "up", the query's, not the target's
            rows.add(new FleetRow(
                    instance,
                    labels,
                    reads.stream().mapToDouble(read -> read.method().inFlight()).sum(),
                    top.method().perMinute(),
                    Double.NaN,
                    ages,
                    heapUsed.getOrDefault(instance, Double.NaN),
                    heapMax.getOrDefault(instance, Double.NaN),
                    lines.getOrDefault(instance, Sparkline.EMPTY),
                    top.source().id(),
                    top.method().side(),
                    top.method().method(),
                    top.method().inFlight(),
                    reads.stream().map(StandardFamilies.Read::method).toList()));
        });
        rows.sort(FleetRow.WORST_FIRST);
        int omitted = Math.max(0, rows.size() - MAX_INSTANCES);
        List<FleetRow> kept = rows.subList(0, rows.size() - omitted);
        return new FleetSnapshot(
                now,
                trendWindow,
                kept,
                omitted,
                queries.size() + rangeQueries,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The trend range query's step: {@link StandardFamilies#TREND_STEPS} over the window, at least a second. */
    private static Duration trendStep(Duration trendWindow) {
        return Duration.ofMillis(Math.max(1_000, trendWindow.toMillis() / StandardFamilies.TREND_STEPS));
    }

    /** The range queries the next refresh sends: the sparklines and, when a standard family is present, the trend. */
    public Map<String, String> rangeQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("sparkline", sparklineQuery(presentParts));
        if (!presentParts.isEmpty()) {
            queries.put("trend", StandardCounters.query(presentParts));
        }
        return queries;
    }

    /** The step of {@link #rangeQueries()}'s trend, asked over the trend window. */
    public Duration trendStep() {
        return trendStep(trendWindow);
    }

    private String sparklineQuery(List<StandardFamilies.Part> parts) {
        String query = sumByInstance(metrics.open());
        return parts.isEmpty() ? query : query + " or " + StandardCounters.queryByInstance(parts);
    }

    /** The instant queries of a refresh, by column; {@link #rangeQueries()} adds one or two range queries. */
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
        // the standard families, every one in each query whatever is present, so a family that appears is found
        queries.put("inFlight", StandardCounters.query(StandardFamilies.ALL));
        queries.put("standardOldest", StandardFamilies.oldest(StandardFamilies.ALL));
        // every target's own labels (job, namespace, pod…), for filters and templates of standard rows
        queries.put("targets", "up");
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

    private static Map<String, String> shared(Map<String, String> first, Map<String, String> second) {
        Map<String, String> shared = new HashMap<>(first);
        shared.entrySet().removeIf(label -> !label.getValue().equals(second.get(label.getKey())));
        return shared;
    }

    private static PrometheusSeries combine(PrometheusSeries first, PrometheusSeries second) {
        Map<String, String> shared = new HashMap<>(first.labels());
        shared.entrySet()
                .removeIf(label -> !label.getValue().equals(second.labels().get(label.getKey())));
        return new PrometheusSeries(shared, first.value() + second.value(), Sparkline.EMPTY);
    }
}
