package dev.streamscope.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sparklines kept between refreshes; range answers are built here, as {@link PrometheusMapper} builds them. */
class SparklineHistoryTest {

    private static final Duration STEP = Duration.ofSeconds(15);
    private static final long T = 1_800_000_000_000L;
    private static final String QUERY = "sum by (instance) (grpc_streams_open)";

    private final SparklineHistory<String> history = SparklineHistory.byInstance(Duration.ofMinutes(1), STEP);

    @Test
    void aFirstRefreshAsksForTheWholeSpanOnStepsAlignedToTheStep() {
        SparklineHistory.Window window = history.window(Instant.ofEpochMilli(T - 8_000), QUERY);

        assertThat(window.endMillis()).isEqualTo(T);
        assertThat(window.startMillis()).isEqualTo(T - 60_000);
        assertThat(window.fetchFromMillis()).isEqualTo(window.startMillis());
    }

    @Test
    void laterRefreshesAskFromTheLastKeptStepAndShiftWhatIsKept() {
        SparklineHistory.Window first = history.window(Instant.ofEpochMilli(T), QUERY);
        history.update(first, List.of(answer("a", first.fetchFromMillis(), 1, 2, 3, 4, 5)));

        SparklineHistory.Window second = history.window(Instant.ofEpochMilli(T + 29_000), QUERY);
        Map<String, Sparkline> lines = history.update(second, List.of(answer("a", second.fetchFromMillis(), 50, 6, 7)));

        assertThat(second.fetchFromMillis()).isEqualTo(T);
        assertThat(values(lines.get("a"))).containsExactly(3, 4, 50, 6, 7);
        assertThat(lines.get("a").startMillis()).isEqualTo(T + 30_000 - 60_000);
    }

    @Test
    void anInstanceFirstSeenAfterAPartialFetchMakesTheNextRefreshAskForTheWholeSpan() {
        SparklineHistory.Window first = history.window(Instant.ofEpochMilli(T), QUERY);
        history.update(first, List.of(answer("a", first.fetchFromMillis(), 1, 2, 3, 4, 5)));
        SparklineHistory.Window second = history.window(Instant.ofEpochMilli(T + 14_000), QUERY);
        Map<String, Sparkline> lines = history.update(
                second,
                List.of(answer("a", second.fetchFromMillis(), 5, 6), answer("b", second.fetchFromMillis(), 8, 9)));

        assertThat(values(lines.get("b"))).containsExactly(Double.NaN, Double.NaN, Double.NaN, 8, 9);
        SparklineHistory.Window third = history.window(Instant.ofEpochMilli(T + 29_000), QUERY);
        assertThat(third.fetchFromMillis()).isEqualTo(third.startMillis());
    }

    @Test
    void aKeyTheNewStepsDoNotAnswerKeepsItsEarlierStepsUntilTheyLeaveTheSpan() {
        SparklineHistory.Window first = history.window(Instant.ofEpochMilli(T), QUERY);
        history.update(first, List.of(answer("a", first.fetchFromMillis(), 1, 2, 3, 4, 5), answer("b", T - 15_000, 7)));

        SparklineHistory.Window second = history.window(Instant.ofEpochMilli(T + 14_000), QUERY);
        Map<String, Sparkline> lines = history.update(second, List.of(answer("a", second.fetchFromMillis(), 5, 6)));

        assertThat(values(lines.get("b"))).containsExactly(Double.NaN, Double.NaN, 7, Double.NaN, Double.NaN);
        SparklineHistory.Window later = history.window(Instant.ofEpochMilli(T + 59_000), QUERY);
        assertThat(later.fetchFromMillis()).isEqualTo(T + 15_000);
        assertThat(history.update(later, List.of(answer("a", later.fetchFromMillis(), 6, 7, 8, 9))))
                .doesNotContainKey("b");
    }

    @Test
    void aRefreshAfterTheWholeSpanHasPassedAsksForItAgain() {
        SparklineHistory.Window first = history.window(Instant.ofEpochMilli(T), QUERY);
        history.update(first, List.of(answer("a", first.fetchFromMillis(), 1, 2, 3, 4, 5)));

        SparklineHistory.Window later = history.window(Instant.ofEpochMilli(T + 120_000), QUERY);

        assertThat(later.fetchFromMillis()).isEqualTo(later.startMillis());
    }

    @Test
    void aChangedQueryAsksForTheWholeSpanAgain() {
        SparklineHistory.Window first = history.window(Instant.ofEpochMilli(T), QUERY);
        history.update(first, List.of(answer("a", first.fetchFromMillis(), 1, 2, 3, 4, 5)));

        SparklineHistory.Window other = history.window(Instant.ofEpochMilli(T + 14_000), QUERY + " or up");

        assertThat(other.fetchFromMillis()).isEqualTo(other.startMillis());
    }

    @Test
    void aQueryNarrowedToTheFamiliesFoundKeepsAskingOnlyForTheNewSteps() {
        SparklineHistory.Window first = history.window(Instant.ofEpochMilli(T), QUERY + " or up");
        history.update(first, List.of(answer("a", first.fetchFromMillis(), 1, 2, 3, 4, 5)));
        history.keptAnswers(QUERY);

        SparklineHistory.Window second = history.window(Instant.ofEpochMilli(T + 14_000), QUERY);

        assertThat(second.fetchFromMillis()).isEqualTo(T);
    }

    @Test
    void theTrendIsKeptByCounterAndMethodAndReadAsCallsInFlightByMethod() {
        SparklineHistory<Map<String, String>> trend =
                new SparklineHistory<>(Duration.ofMinutes(1), STEP, labels -> labels);
        String query = StandardCounters.query(List.of(GO_SERVER));
        SparklineHistory.Window first = trend.window(Instant.ofEpochMilli(T), query);
        trend.update(
                first,
                List.of(
                        counter("started", "Watch", first.fetchFromMillis(), 10, 20, 30, 40, 50),
                        counter("handled", "Watch", first.fetchFromMillis(), 9, 18, 27, 36, 45),
                        counter("started", "Check", first.fetchFromMillis(), 5, 5, 5, 5, 5),
                        counter("handled", "Check", first.fetchFromMillis(), 5, 5, 5, 5, 5),
                        counter("started", "Hang", first.fetchFromMillis(), 1, 1, 1, 1, 1)));

        SparklineHistory.Window second = trend.window(Instant.ofEpochMilli(T + 14_000), query);
        Map<StandardFamilies.Trend, Sparkline> lines = StandardCounters.trend(
                List.of(GO_SERVER),
                trend.update(
                        second,
                        List.of(
                                counter("started", "Watch", second.fetchFromMillis(), 50, 60),
                                counter("handled", "Watch", second.fetchFromMillis(), 45, 54),
                                counter("started", "Check", second.fetchFromMillis(), 5, 6),
                                counter("handled", "Check", second.fetchFromMillis(), 5, 5),
                                counter("started", "Hang", second.fetchFromMillis(), 1, 2))));

        assertThat(second.fetchFromMillis()).isEqualTo(T);
        assertThat(values(lines.get(inFlight("Watch")))).containsExactly(2, 3, 4, 5, 6);
        assertThat(values(lines.get(started("Watch")))).containsExactly(20, 30, 40, 50, 60);
        assertThat(values(lines.get(inFlight("Check")))).containsExactly(0, 0, 0, 0, 1);
        // no call of Hang ever finished: all its started calls are in flight
        assertThat(values(lines.get(inFlight("Hang")))).containsExactly(1, 1, 1, 1, 2);
    }

    private static final StandardFamilies.Part GO_SERVER =
            new StandardFamilies.Part(FleetSource.GO_GRPC_PROMETHEUS, "server");

    private static StandardFamilies.Trend inFlight(String method) {
        return new StandardFamilies.Trend(key(method), false);
    }

    private static StandardFamilies.Trend started(String method) {
        return new StandardFamilies.Trend(key(method), true);
    }

    private static StandardFamilies.Key key(String method) {
        return new StandardFamilies.Key("a", "go-grpc-prometheus", "server", "pkg.Svc/" + method);
    }

    /** A go-grpc-prometheus counter as {@link StandardCounters#query} answers it: by name, instance and method. */
    private static PrometheusSeries counter(String counter, String method, long startMillis, double... values) {
        PrometheusSeries series = answer("a", startMillis, values);
        return new PrometheusSeries(
                Map.of(
                        "__name__",
                        "grpc_server_" + counter + "_total",
                        "instance",
                        "a",
                        "grpc_service",
                        "pkg.Svc",
                        "grpc_method",
                        method),
                series.value(),
                series.range());
    }

    private static PrometheusSeries answer(String instance, long startMillis, double... values) {
        double[] steps = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            steps[i] = values[i];
        }
        Sparkline range = new Sparkline(startMillis, STEP.toMillis(), steps);
        return new PrometheusSeries(Map.of("instance", instance), range.last(), range);
    }

    private static double[] values(Sparkline line) {
        double[] values = new double[line.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = line.valueAt(i);
        }
        return values;
    }
}
