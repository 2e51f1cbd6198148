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
    void theTrendIsKeptByMethodAndKindSoTheSameInstanceKeepsSeveralLines() {
        SparklineHistory<StandardFamilies.Trend> trend =
                new SparklineHistory<>(Duration.ofMinutes(1), STEP, StandardFamilies.Trend::of);
        SparklineHistory.Window first = trend.window(Instant.ofEpochMilli(T), QUERY);
        trend.update(
                first,
                List.of(
                        method("Watch", "inflight", first.fetchFromMillis(), 1, 2, 3, 4, 5),
                        method("Watch", "started", first.fetchFromMillis(), 10, 20, 30, 40, 50),
                        method("Check", "inflight", first.fetchFromMillis(), 0, 0, 0, 0, 0)));

        SparklineHistory.Window second = trend.window(Instant.ofEpochMilli(T + 14_000), QUERY);
        Map<StandardFamilies.Trend, Sparkline> lines = trend.update(
                second,
                List.of(
                        method("Watch", "inflight", second.fetchFromMillis(), 5, 6),
                        method("Watch", "started", second.fetchFromMillis(), 50, 60),
                        method("Check", "inflight", second.fetchFromMillis(), 0, 1)));

        assertThat(second.fetchFromMillis()).isEqualTo(T);
        StandardFamilies.Key watch = new StandardFamilies.Key("a", "go-grpc-prometheus", "server", "pkg.Svc/Watch");
        StandardFamilies.Key check = new StandardFamilies.Key("a", "go-grpc-prometheus", "server", "pkg.Svc/Check");
        assertThat(values(lines.get(new StandardFamilies.Trend(watch, false)))).containsExactly(2, 3, 4, 5, 6);
        assertThat(values(lines.get(new StandardFamilies.Trend(watch, true)))).containsExactly(20, 30, 40, 50, 60);
        assertThat(values(lines.get(new StandardFamilies.Trend(check, false)))).containsExactly(0, 0, 0, 0, 1);
    }

    private static PrometheusSeries method(String name, String kind, long startMillis, double... values) {
        PrometheusSeries series = answer("a", startMillis, values);
        return new PrometheusSeries(
                Map.of(
                        "instance", "a",
                        "source", "go-grpc-prometheus",
                        "side", "server",
                        "method", "pkg.Svc/" + name,
                        "kind", kind),
                series.value(),
                series.range());
    }

    private static PrometheusSeries answer(String instance, long startMillis, double... values) {
        float[] steps = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            steps[i] = (float) values[i];
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
