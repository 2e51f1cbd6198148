package dev.streamscope.app.bench;

import dev.streamscope.app.fleet.FleetEvaluator;
import dev.streamscope.app.fleet.FleetMetrics;
import dev.streamscope.app.fleet.FleetRow;
import dev.streamscope.app.fleet.FleetSnapshot;
import dev.streamscope.app.fleet.MetricsEndpoint;
import dev.streamscope.app.fleet.PrometheusClient;
import dev.streamscope.app.fleet.PrometheusEndpoint;
import dev.streamscope.app.fleet.PrometheusServer;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One fleet refresh (7 queries) against a real Prometheus holding {@code instances} instances: 15 minutes of history
 * at a 15 s scrape loaded with {@code promtool tsdb create-blocks-from openmetrics}, then live scrapes every 5 s of one
 * endpoint that serves every instance's series (honor_labels). Every 50th instance leaks, at its own rate. Sample mode
 * reports the median (p0.50); the time includes Prometheus's own work, which shares the machine's cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FleetRefreshBenchmark {

    private static final Duration HISTORY = Duration.ofMinutes(15);
    private static final Duration HISTORY_STEP = Duration.ofSeconds(15);
    private static final List<String> FAMILIES = List.of(
            "grpc_streams_open",
            "grpc_streams_overdue",
            "grpc_streams_oldest_age_seconds",
            "jvm_memory_bytes_used",
            "jvm_memory_bytes_max");

    @Param("1000")
    int instances;

    /**
     * {@code bridge}: the bridge's names, one series per instance; {@code go}: go-grpc-prometheus's started and handled
     * counters for {@link #METHODS} methods per instance, in flight = started − handled.
     */
    @Param("bridge")
    String family;

    static final int METHODS = 10;
    private static final List<String> GO_FAMILIES = List.of("grpc_server_started", "grpc_server_handled");

    private final PrometheusServer prometheus = new PrometheusServer(Duration.ofSeconds(5));
    private MetricsEndpoint endpoint;
    private PrometheusClient client;
    private FleetEvaluator evaluator;
    private long started;
    private final AtomicLong refreshes = new AtomicLong();
    private Duration prometheusCpu;
    private long ownCpu;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Setup(Level.Trial)
    public void startFleet() throws Exception {
        long now = System.currentTimeMillis();
        started = now;
        Path history = Files.createTempFile("streamscope-fleet", ".om");
        writeHistory(history, now);
        prometheus.start(history);
        Files.delete(history);
        endpoint = new MetricsEndpoint(() -> exposition(System.currentTimeMillis()));
        prometheus.scrape(List.of(new PrometheusServer.Target(endpoint.address(), Map.of())));
        client = new PrometheusClient(
                new PrometheusEndpoint(prometheus.url(), "", "", "", ""),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30));
        evaluator = new FleetEvaluator(client, FleetMetrics.DEFAULTS, Duration.ofSeconds(60), Clock.systemUTC());
        FleetSnapshot fleet = awaitLiveScrape();
        FleetRow worst = fleet.rows().get(0);
        long points = java.util.stream.IntStream.range(0, worst.sparkline().size())
                .filter(i -> !Double.isNaN(worst.sparkline().valueAt(i)))
                .count();
        System.out.printf(
                Locale.ROOT,
                "%n%d instances, %d queries a refresh, worst %s at %.0f/min, %d growing, %d sparkline points%n",
                fleet.rows().size(),
                fleet.queries(),
                worst.instance(),
                worst.perMinute(),
                fleet.rows().stream().filter(FleetRow::grows).count(),
                points);
        profile(client);
    }

    /**
     * Where a refresh's time goes, each query alone and one after the other: Prometheus's own evaluation (its
     * {@code stats=all} timings), the whole HTTP exchange with the raw body, and the client's exchange with reading.
     */
    private void profile(PrometheusClient client) throws Exception {
        Map<String, String> queries = new java.util.LinkedHashMap<>(evaluator.queries());
        java.time.Instant now = java.time.Instant.now();
        String range = "&start=" + now.minus(FleetEvaluator.SPARKLINE_SPAN).getEpochSecond() + "&end="
                + now.getEpochSecond() + "&step=" + FleetEvaluator.SPARKLINE_STEP.toSeconds();
        queries.put("sparkline", "sum by (instance) (grpc_streams_open)");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        System.out.printf(
                Locale.ROOT, "  %-9s %6s %8s %8s %8s %8s%n", "query", "series", "KiB", "eval ms", "http ms", "ours ms");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            boolean isRange = query.getKey().startsWith("sparkline");
            String path = isRange ? "/api/v1/query_range" : "/api/v1/query";
            String promql = java.net.URLEncoder.encode(query.getValue(), StandardCharsets.UTF_8);
            java.net.URI uri = prometheus.url().resolve(path + "?stats=all&query=" + promql + (isRange ? range : ""));
            long start = System.nanoTime();
            byte[] body = http.send(
                            java.net.http.HttpRequest.newBuilder(uri).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                    .body();
            long httpNanos = System.nanoTime() - start;
            com.google.gson.JsonObject timings = com.google.gson.JsonParser.parseString(
                            new String(body, StandardCharsets.UTF_8))
                    .getAsJsonObject()
                    .getAsJsonObject("data")
                    .getAsJsonObject("stats")
                    .getAsJsonObject("timings");
            start = System.nanoTime();
            int series = client.await(
                            isRange
                                    ? client.range(
                                            query.getValue(),
                                            now.minus(FleetEvaluator.SPARKLINE_SPAN),
                                            now,
                                            FleetEvaluator.SPARKLINE_STEP)
                                    : client.instant(query.getValue()))
                    .size();
            long clientNanos = System.nanoTime() - start;
            System.out.printf(
                    Locale.ROOT,
                    "  %-9s %6d %8d %8.0f %8d %8d  %s%n",
                    query.getKey(),
                    series,
                    body.length / 1024,
                    timings.get("execTotalTime").getAsDouble() * 1000,
                    httpNanos / 1_000_000,
                    clientNanos / 1_000_000,
                    query.getValue());
        }
    }

    @TearDown(Level.Trial)
    public void stopFleet() throws Exception {
        endpoint.close();
        prometheus.close();
    }

    /** The Fleet tab's refresh: one evaluator kept, so the range query asks only for the steps since the last. */
    @Benchmark
    public FleetSnapshot refresh() throws Exception {
        refreshes.incrementAndGet();
        return evaluator.evaluate();
    }

    /** A first refresh (the tab's first, or the headless run): every sparkline's whole span. */
    @Benchmark
    public FleetSnapshot firstRefresh() throws Exception {
        refreshes.incrementAndGet();
        return new FleetEvaluator(client, FleetMetrics.DEFAULTS, Duration.ofSeconds(60), Clock.systemUTC()).evaluate();
    }

    @Setup(Level.Iteration)
    public void startCounting() throws Exception {
        refreshes.set(0);
        prometheusCpu = prometheus.cpuTime();
        ownCpu = PROCESS.getProcessCpuTime();
    }

    /** CPU per refresh on each side: what the refresh costs whatever else the machine is doing. */
    @TearDown(Level.Iteration)
    public void printCpu() throws Exception {
        long count = Math.max(1, refreshes.get());
        System.out.printf(
                Locale.ROOT,
                "  CPU per refresh: Prometheus %d ms, StreamScope %d ms (%d refreshes)%n",
                prometheus.cpuTime().minus(prometheusCpu).toMillis() / count,
                (PROCESS.getProcessCpuTime() - ownCpu) / 1_000_000 / count,
                refreshes.get());
    }

    private FleetSnapshot awaitLiveScrape() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                FleetSnapshot fleet = evaluator.evaluate();
                if (fleet.rows().size() == instances
                        && fleet.rows().get(0).instance().equals(instance(0))) {
                    return fleet;
                }
            } catch (Exception notYet) {
                // Prometheus still loading its blocks or not scraped yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus never showed the fleet: " + prometheus.url());
            }
            Thread.sleep(1000);
        }
    }

    private void writeHistory(Path file, long now) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long first = now - HISTORY.toMillis();
            // OpenMetrics wants each family's samples together, each series in time order
            for (String name : families()) {
                out.write("# TYPE " + name + (go() ? " counter\n" : " gauge\n"));
                for (int i = 0; i < instances; i++) {
                    for (int method = 0; method < methods(); method++) {
                        for (long at = first; at < now - HISTORY_STEP.toMillis(); at += HISTORY_STEP.toMillis()) {
                            out.write(sample(name, i, method, at) + " " + at / 1000 + "\n");
                        }
                    }
                }
            }
            out.write("# EOF\n");
        }
    }

    private String exposition(long at) {
        StringBuilder text = new StringBuilder(instances * 7 * 80);
        for (String name : families()) {
            for (int i = 0; i < instances; i++) {
                for (int method = 0; method < methods(); method++) {
                    text.append(sample(name, i, method, at)).append('\n');
                }
            }
        }
        return text.toString();
    }

    private boolean go() {
        return family.equals("go");
    }

    private List<String> families() {
        return go() ? GO_FAMILIES : FAMILIES;
    }

    private int methods() {
        return go() ? METHODS : 1;
    }

    /**
     * Instance 0 leaks fastest, every 50th leaks at a lower rate; the rest hold steady. With go-grpc-prometheus's
     * counters: 10 calls a second per method, the leak on method 0, the others with steady calls in flight.
     */
    private String sample(String name, int i, int method, long at) {
        double minutes = (at - started + HISTORY.toMillis()) / 60_000.0;
        double perMinute = i % 50 == 0 ? 100.0 / (1 + i / 50) : 0;
        if (go()) {
            double startedCalls = 600 * minutes;
            double inFlight = 5 + (i + method) % 7 + (method == 0 ? perMinute * minutes : 0);
            double value = name.equals("grpc_server_started") ? startedCalls : startedCalls - inFlight;
            return name + "_total{instance=\"" + instance(i) + "\",job=\"api\",namespace=\"prod\",pod=\"api-" + i
                    + "\",grpc_service=\"demo.v1.Demo\",grpc_method=\"Method" + method + "\",grpc_type=\"bidi_stream\""
                    + (name.equals("grpc_server_handled") ? ",grpc_code=\"OK\"" : "") + "} " + Math.floor(value);
        }
        double value = switch (name) {
            case "grpc_streams_open" -> 20 + i % 7 + perMinute * minutes;
            case "grpc_streams_oldest_age_seconds" -> perMinute > 0 ? minutes * 60 : 3;
            case "jvm_memory_bytes_used" -> 2e8 + perMinute * minutes * 65_536;
            case "jvm_memory_bytes_max" -> 1e9;
            default -> 0;
        };
        String area = name.startsWith("jvm_") ? ",area=\"heap\"" : "";
        return name + "{instance=\"" + instance(i) + "\",job=\"api\",namespace=\"prod\",pod=\"api-" + i + "\"" + area
                + "} " + value;
    }

    private static String instance(int i) {
        return String.format(Locale.ROOT, "10.%d.%d.%d:9404", i / 65_536, i / 256 % 256, i % 256);
    }
}
