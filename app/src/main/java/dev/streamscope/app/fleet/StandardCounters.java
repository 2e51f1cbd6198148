package dev.streamscope.app.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The standard families' counters and gauges read raw, in one aggregation over every name at once
 * ({@code sum by (__name__, instance, <method labels>)}), and turned into calls in flight by method here. The same in
 * flight computed in PromQL (started − finished, {@code label_join} for the method, {@code label_replace} for source
 * and side) cost Prometheus about ten times the aggregation alone with 1,000 instances × 10 methods, at every step of
 * a range query as for an instant one.
 */
final class StandardCounters {

    private static final String NAME = "__name__";
    // compiled once: every series of every answer is matched against them
    private static final Map<StandardFamilies.Part, Pattern> ACTIVE = StandardFamilies.ALL.stream()
            .filter(part -> part.source().activeName(part.side()) != null)
            .collect(Collectors.toMap(
                    part -> part, part -> Pattern.compile(part.source().activeName(part.side()))));

    private enum Role {
        STARTED,
        FINISHED,
        ACTIVE
    }

    /** What a series of the raw answer is: which part's started, finished or active calls. */
    private record Name(StandardFamilies.Part part, Role role) {}

    private StandardCounters() {}

    /** The one aggregation over every part's started, finished and active names, by instance and method. */
    static String query(List<StandardFamilies.Part> parts) {
        return query(parts, true);
    }

    /** The same by instance only, for the sparklines. */
    static String queryByInstance(List<StandardFamilies.Part> parts) {
        return query(parts, false);
    }

    private static String query(List<StandardFamilies.Part> parts, boolean byMethod) {
        Set<String> by = new TreeSet<>();
        List<String> names = new ArrayList<>();
        for (StandardFamilies.Part part : parts) {
            if (byMethod) {
                by.addAll(part.source().methodLabels());
            }
            Stream.of(
                            part.source().started(part.side()),
                            part.source().finished(part.side()),
                            part.source().activeName(part.side()))
                    .filter(name -> name != null)
                    .forEach(names::add);
        }
        return "sum by (__name__, instance"
                + by.stream().map(label -> ", " + label).collect(Collectors.joining()) + ") ({__name__=~\""
                + String.join("|", names) + "\"})";
    }

    /**
     * Calls in flight now by instance and method, labelled {@code instance}, {@code source}, {@code side} and
     * {@code method} as {@link StandardFamilies#methods} reads them: started − finished (all started calls while none
     * has finished), or the active gauge.
     */
    static List<PrometheusSeries> inFlight(List<StandardFamilies.Part> parts, List<PrometheusSeries> raw) {
        Map<StandardFamilies.Key, double[]> values = new HashMap<>();
        for (PrometheusSeries series : raw) {
            Name name = name(parts, series.labels());
            if (name != null) {
                double[] roles = values.computeIfAbsent(key(name.part(), series.labels()), key -> nans());
                roles[name.role().ordinal()] = series.value();
            }
        }
        List<PrometheusSeries> inFlight = new ArrayList<>();
        values.forEach((key, roles) -> {
            double value = inFlight(
                    roles[Role.STARTED.ordinal()], roles[Role.FINISHED.ordinal()], roles[Role.ACTIVE.ordinal()]);
            if (!Double.isNaN(value)) {
                inFlight.add(new PrometheusSeries(labels(key), value, Sparkline.EMPTY));
            }
        });
        return inFlight;
    }

    /**
     * The trend's lines by method from the raw range answer's lines (kept ones merged): calls in flight, step by step
     * as {@link #inFlight}, and calls started for the counting families (their drops show a restart).
     */
    static Map<StandardFamilies.Trend, Sparkline> trend(
            List<StandardFamilies.Part> parts, Map<Map<String, String>, Sparkline> raw) {
        Map<StandardFamilies.Key, Sparkline[]> lines = new HashMap<>();
        raw.forEach((labels, line) -> {
            Name name = name(parts, labels);
            if (name != null) {
                lines.computeIfAbsent(key(name.part(), labels), key -> new Sparkline[Role.values().length])[
                        name.role().ordinal()] = line;
            }
        });
        Map<StandardFamilies.Trend, Sparkline> trend = new HashMap<>();
        lines.forEach((key, roles) -> {
            Sparkline started = roles[Role.STARTED.ordinal()];
            Sparkline finished = roles[Role.FINISHED.ordinal()];
            Sparkline active = roles[Role.ACTIVE.ordinal()];
            Sparkline shape = active != null ? active : started;
            if (shape == null) {
                return;
            }
            double[] inFlight = new double[shape.size()];
            for (int i = 0; i < inFlight.length; i++) {
                inFlight[i] = inFlight(at(started, i), at(finished, i), at(active, i));
            }
            trend.put(
                    new StandardFamilies.Trend(key, false),
                    new Sparkline(shape.startMillis(), shape.stepMillis(), inFlight));
            if (started != null) {
                trend.put(new StandardFamilies.Trend(key, true), started);
            }
        });
        return trend;
    }

    /**
     * The sparklines by instance from the raw range answer's lines (kept ones merged) of
     * {@code sum by (instance) (<the bridge's open streams>) or} {@link #queryByInstance}: the bridge's line where an
     * instance has one, else its calls in flight summed over every standard part, step by step.
     */
    static Map<String, Sparkline> byInstance(
            List<StandardFamilies.Part> parts, Map<Map<String, String>, Sparkline> raw) {
        Map<String, Sparkline> lines = new HashMap<>();
        raw.forEach((labels, line) -> {
            if (!labels.containsKey(NAME)) {
                lines.put(labels.getOrDefault("instance", ""), line);
            }
        });
        Map<String, Sparkline> sums = new HashMap<>();
        trend(parts, raw).forEach((line, values) -> {
            if (!line.started() && !lines.containsKey(line.key().instance())) {
                sums.merge(line.key().instance(), values, StandardCounters::sum);
            }
        });
        lines.putAll(sums);
        return lines;
    }

    // as PromQL's sum: a step without a value in one line takes the other's
    private static Sparkline sum(Sparkline first, Sparkline second) {
        double[] values = new double[first.size()];
        for (int i = 0; i < values.length; i++) {
            double a = first.valueAt(i);
            double b = at(second, i);
            values[i] = (Double.isNaN(a) ? b : Double.isNaN(b) ? a : a + b);
        }
        return new Sparkline(first.startMillis(), first.stepMillis(), values);
    }

    private static double inFlight(double started, double finished, double active) {
        if (!Double.isNaN(active)) {
            return active;
        }
        return Double.isNaN(finished) ? started : started - finished;
    }

    private static double at(Sparkline line, int index) {
        return line == null || index >= line.size() ? Double.NaN : line.valueAt(index);
    }

    private static double[] nans() {
        return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }

    private static Name name(List<StandardFamilies.Part> parts, Map<String, String> labels) {
        String name = labels.getOrDefault(NAME, "");
        for (StandardFamilies.Part part : parts) {
            FleetSource source = part.source();
            if (name.equals(source.started(part.side()))) {
                return new Name(part, Role.STARTED);
            }
            if (name.equals(source.finished(part.side()))) {
                return new Name(part, Role.FINISHED);
            }
            Pattern active = ACTIVE.get(part);
            if (active != null && active.matcher(name).matches()) {
                return new Name(part, Role.ACTIVE);
            }
        }
        return null;
    }

    // the method as label_join names it: the family's method labels joined with "/"
    private static StandardFamilies.Key key(StandardFamilies.Part part, Map<String, String> labels) {
        String method = part.source().methodLabels().stream()
                .map(label -> labels.getOrDefault(label, ""))
                .collect(Collectors.joining("/"));
        return new StandardFamilies.Key(
                labels.getOrDefault("instance", ""), part.source().id(), part.side(), method);
    }

    private static Map<String, String> labels(StandardFamilies.Key key) {
        return Map.of(
                "instance",
                key.instance(),
                StandardFamilies.SOURCE,
                key.source(),
                StandardFamilies.SIDE,
                key.side(),
                StandardFamilies.METHOD,
                key.method());
    }
}
