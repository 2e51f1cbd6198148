package dev.streamscope.app.fleet;

import dev.streamscope.app.streams.StreamGrowth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The standard gRPC families ({@link FleetSource}) on their sides, the PromQL for the oldest call's age, and the reading
 * of the answers into methods (calls in flight are read raw by {@link StandardCounters}). Every query is one
 * aggregation over all families and sides at once, so a refresh costs the same whatever the fleet's size.
 */
final class StandardFamilies {

    static final String SOURCE = "source";
    static final String SIDE = "side";
    static final String METHOD = "method";
    /** Steps of the trend range query over the trend window. */
    static final int TREND_STEPS = 16;

    /** A family on a side. */
    record Part(FleetSource source, String side) {}

    static final List<Part> ALL = FleetSource.SIDES.stream()
            .flatMap(
                    side -> List.of(
                                    FleetSource.GO_GRPC_PROMETHEUS,
                                    FleetSource.OPENTELEMETRY,
                                    FleetSource.MICROMETER_OBSERVATION)
                            .stream()
                            .map(source -> new Part(source, side)))
            .toList();

    private StandardFamilies() {}

    /** The oldest active call's age where a family knows it. */
    static String oldest(List<Part> parts) {
        String query = parts.stream()
                .filter(part -> part.source().oldest(part.side()) != null)
                .map(part -> labelled(
                        part,
                        "max by (instance, method) ("
                                + methodJoined(part, part.source().oldest(part.side())) + ")"))
                .collect(Collectors.joining(" or "));
        return query.isEmpty() ? "vector(0) < 0" : query;
    }

    private static String methodJoined(Part part, String metric) {
        List<String> labels = part.source().methodLabels();
        return "label_join(" + metric + ", \"method\", \"/\", "
                + labels.stream().map(label -> "\"" + label + "\"").collect(Collectors.joining(", ")) + ")";
    }

    private static String labelled(Part part, String query) {
        return "label_replace(label_replace(" + query + ", \"source\", \""
                + part.source().id() + "\", \"\", \"\")," + " \"side\", \"" + part.side() + "\", \"\", \"\")";
    }

    /** The parts present in an in-flight answer. */
    static List<Part> present(List<PrometheusSeries> inFlight) {
        Set<Part> parts = new LinkedHashSet<>();
        for (PrometheusSeries series : inFlight) {
            FleetSource source = FleetSource.of(series.labels().getOrDefault(SOURCE, ""));
            if (source != null) {
                parts.add(new Part(source, series.labels().getOrDefault(SIDE, "")));
            }
        }
        return List.copyOf(parts);
    }

    /** One method of one instance, the key of the answers. */
    record Key(String instance, String source, String side, String method) {
        static Key of(PrometheusSeries series) {
            return of(series.labels());
        }

        static Key of(Map<String, String> labels) {
            return new Key(
                    labels.getOrDefault("instance", ""),
                    labels.getOrDefault(SOURCE, ""),
                    labels.getOrDefault(SIDE, ""),
                    labels.getOrDefault(METHOD, ""));
        }
    }

    /** A line of the trend: a method's calls in flight, or its calls started. */
    record Trend(Key key, boolean started) {}

    /** A method read: its source and the method row. */
    record Read(String instance, FleetSource source, FleetMethod method) {}

    /**
     * Joins the answers into methods by instance.
     *
     * @param inFlight the instant in-flight answer
     * @param oldest the instant oldest-age answer
     * @param trend the trend range answer's lines, kept ones merged (empty when not asked)
     */
    static Map<String, List<Read>> methods(
            List<PrometheusSeries> inFlight,
            List<PrometheusSeries> oldest,
            Map<Trend, Sparkline> trend,
            Duration trendWindow) {
        Map<Key, Double> ages = new HashMap<>();
        oldest.forEach(series -> ages.merge(Key.of(series), series.value(), Math::max));
        Map<Key, Sparkline> inFlightLines = new HashMap<>();
        Map<Key, Sparkline> startedLines = new HashMap<>();
        trend.forEach((line, values) -> (line.started() ? startedLines : inFlightLines).put(line.key(), values));
        Map<String, List<Read>> byInstance = new HashMap<>();
        for (PrometheusSeries series : inFlight) {
            Key key = Key.of(series);
            FleetSource source = FleetSource.of(key.source());
            if (source == null || !Double.isFinite(series.value())) {
                continue;
            }
            Sparkline line = inFlightLines.getOrDefault(key, Sparkline.EMPTY);
            double perMinute = growth(line, startedLines.get(key), trendWindow);
            FleetMethod method = new FleetMethod(
                    key.method(),
                    key.side(),
                    series.value(),
                    Double.isNaN(perMinute) ? 0 : perMinute,
                    !Double.isNaN(perMinute),
                    ages.getOrDefault(key, Double.NaN),
                    line);
            byInstance
                    .computeIfAbsent(key.instance(), instance -> new ArrayList<>())
                    .add(new Read(key.instance(), source, method));
        }
        byInstance.values().forEach(reads -> reads.sort(Comparator.comparing(Read::method, FASTEST_FIRST)));
        return byInstance;
    }

    /** Growing first, fastest first; then most in flight; then by name. */
    static final Comparator<FleetMethod> FASTEST_FIRST = Comparator.comparingDouble(FleetMethod::perMinute)
            .reversed()
            .thenComparing(Comparator.comparingDouble(FleetMethod::inFlight).reversed())
            .thenComparing(FleetMethod::method)
            .thenComparing(FleetMethod::side);

    /**
     * The target tab's evidence rule over the in-flight steps, after undoing counter resets: where calls started drop
     * (a restarted process), the calls in flight before it never finished, so they are added to every later step as
     * Prometheus's {@code increase} adds a counter's value before a reset. A restart then neither looks like a leak
     * (a healthy instance steps up once, which the rule does not count) nor hides one (the climb goes on).
     *
     * @return the steady rise per minute, or NaN
     */
    static double growth(Sparkline inFlight, Sparkline started, Duration trendWindow) {
        int size = inFlight.size();
        double[] seconds = new double[size];
        double[] values = new double[size];
        int count = 0;
        double offset = 0;
        double lastStarted = Double.NaN;
        double lastInFlight = Double.NaN;
        for (int i = 0; i < size; i++) {
            double value = inFlight.valueAt(i);
            double startedNow = started == null || i >= started.size() ? Double.NaN : started.valueAt(i);
            if (!Double.isNaN(startedNow)) {
                if (!Double.isNaN(lastStarted) && startedNow < lastStarted && !Double.isNaN(lastInFlight)) {
                    offset += lastInFlight;
                }
                lastStarted = startedNow;
            }
            if (Double.isNaN(value)) {
                continue;
            }
            lastInFlight = value;
            seconds[count] = (inFlight.startMillis() + i * inFlight.stepMillis()) / 1000.0;
            values[count] = value + offset;
            count++;
        }
        return StreamGrowth.steadyRisePerMinute(seconds, values, count, trendWindow);
    }
}
