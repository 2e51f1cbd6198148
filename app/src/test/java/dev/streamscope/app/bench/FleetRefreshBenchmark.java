package dev.streamscope.app.bench;

import dev.streamscope.app.base.SettableClock;
import dev.streamscope.app.fleet.FleetEvaluator;
import dev.streamscope.app.fleet.FleetMetrics;
import dev.streamscope.app.fleet.FleetPoller;
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
import java.time.Instant;
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
 * One fleet refresh (7 queries; 11 with {@code family=go}) against a real Prometheus holding {@code instances} instances: 15 minutes of history
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
     * The range queries twice: over their whole span (a first refresh) and over one tab period (a kept refresh).
     */
    private void profile(PrometheusClient client) throws Exception {
        Instant now = Instant.now();
        List<Probe> probes = new java.util.ArrayList<>();
        evaluator.queries().forEach((name, promql) -> probes.add(new Probe(name, promql, null, null, null)));
        Map<String, String> ranges = evaluator.rangeQueries();
        Duration period = FleetPoller.REFRESH_EVERY;
        probes.add(new Probe(
                "spark", ranges.get("sparkline"), FleetEvaluator.SPARKLINE_SPAN, FleetEvaluator.SPARKLINE_STEP, now));
        probes.add(new Probe("spark15s", ranges.get("sparkline"), period, FleetEvaluator.SPARKLINE_STEP, now));
        if (ranges.containsKey("trend")) {
            probes.add(new Probe("trend", ranges.get("trend"), Duration.ofSeconds(60), evaluator.trendStep(), now));
            probes.add(new Probe("trend15s", ranges.get("trend"), period, evaluator.trendStep(), now));
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        System.out.printf(
                Locale.ROOT,
                "  %-9s %6s %8s %8s %8s %8s %8s%n",
                "query",
                "series",
                "KiB",
                "eval ms",
                "samples",
                "http ms",
                "ours ms");
        for (Probe probe : probes) {
            String promql = java.net.URLEncoder.encode(probe.promql(), StandardCharsets.UTF_8);
            String range = probe.span() == null
                    ? ""
                    : "&start=" + probe.now().minus(probe.span()).getEpochSecond() + "&end="
                            + probe.now().getEpochSecond() + "&step="
                            + probe.step().toSeconds();
            String path = probe.span() == null ? "/api/v1/query" : "/api/v1/query_range";
            java.net.URI uri = prometheus.url().resolve(path + "?stats=all&query=" + promql + range);
            long start = System.nanoTime();
            byte[] body = http.send(
                            java.net.http.HttpRequest.newBuilder(uri).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                    .body();
            long httpNanos = System.nanoTime() - start;
            com.google.gson.JsonObject stats = com.google.gson.JsonParser.parseString(
                            new String(body, StandardCharsets.UTF_8))
                    .getAsJsonObject()
                    .getAsJsonObject("data")
                    .getAsJsonObject("stats");
            start = System.nanoTime();
            int series = client.await(
                            probe.span() == null
                                    ? client.instant(probe.promql())
                                    : client.range(
                                            probe.promql(), probe.now().minus(probe.span()), probe.now(), probe.step()))
                    .size();
            long clientNanos = System.nanoTime() - start;
            System.out.printf(
                    Locale.ROOT,
                    "  %-9s %6d %8d %8.0f %8d %8d %8d  %.160s%n",
                    probe.name(),
                    series,
                    body.length / 1024,
                    stats.getAsJsonObject("timings").get("execTotalTime").getAsDouble() * 1000,
                    stats.getAsJsonObject("samples")
                            .get("totalQueryableSamples")
                            .getAsLong(),
                    httpNanos / 1_000_000,
                    clientNanos / 1_000_000,
                    probe.promql());
        }
    }

    /** One query of the profile; a range query when {@code span} is set. */
    private record Probe(String name, String promql, Duration span, Duration step, Instant now) {}

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

    /**
     * The tab's refresh at its own pace: the evaluator's last refresh was one period ({@link FleetPoller#REFRESH_EVERY})
     * ago, so the range queries ask for that period's steps, not for one step as {@link #refresh} back to back does.
     * The earlier refresh is made in the set-up, untimed (so this mode's CPU figures count both).
     */
    @Benchmark
    public FleetSnapshot refreshAfterOnePeriod(OnePeriodAgo tab) throws Exception {
        refreshes.incrementAndGet();
        return tab.evaluator.evaluate();
    }

    /** An evaluator that refreshed one tab period ago. */
    @State(Scope.Thread)
    public static class OnePeriodAgo {
        private final SettableClock time = new SettableClock(Instant.EPOCH);
        FleetEvaluator evaluator;

        @Setup(Level.Invocation)
        public void refreshOnePeriodAgo(FleetRefreshBenchmark fleet) throws Exception {
            Instant now = Instant.now();
            time.set(now.minus(FleetPoller.REFRESH_EVERY));
            evaluator = new FleetEvaluator(fleet.client, FleetMetrics.DEFAULTS, Duration.ofSeconds(60), time);
            evaluator.evaluate();
            time.set(Instant.now());
        }
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
