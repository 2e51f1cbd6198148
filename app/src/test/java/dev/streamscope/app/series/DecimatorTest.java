package dev.streamscope.app.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimatorTest {

    private final DecimatedPoints out = new DecimatedPoints();

    @Test
    void keepsEveryColumnsExtremesAndTheWindowsEnds() {
        TimeSeriesBuffer series = noisySeries(86_400, 1_000);
        int columns = 400;

        Decimator.decimate(series, 0, 86_399_000, columns, out);

        // each column's min and max must survive, so the drawn band looks the same as with every point
        long span = 86_399_000;
        double[] min = new double[columns];
        double[] max = new double[columns];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int index = 0; index < series.size(); index++) {
            int column = (int) Math.min(columns - 1, series.timeAt(index) * columns / span);
            min[column] = Math.min(min[column], series.valueAt(index));
            max[column] = Math.max(max[column], series.valueAt(index));
        }
        for (int column = 0; column < columns; column++) {
            assertThat(containsPoint(min[column]))
                    .as("min of column %d", column)
                    .isTrue();
            assertThat(containsPoint(max[column]))
                    .as("max of column %d", column)
                    .isTrue();
        }
        assertThat(out.timeAt(0)).isEqualTo(0);
        assertThat(out.valueAt(0)).isEqualTo(series.valueAt(0));
        assertThat(out.timeAt(out.size() - 1)).isEqualTo(86_399_000);
        assertThat(out.valueAt(out.size() - 1)).isEqualTo(series.newestValue());
    }

    @Test
    void keepsAtMostTwoPointsPerColumnInTimeOrder() {
        TimeSeriesBuffer series = noisySeries(86_400, 1_000);

        for (int columns : new int[] {1, 7, 640, 1_600}) {
            Decimator.decimate(series, 0, 86_399_000, columns, out);

            assertThat(out.size()).as("%d columns", columns).isLessThanOrEqualTo(2 * columns + 2);
            for (int index = 1; index < out.size(); index++) {
                assertThat(out.timeAt(index)).isGreaterThan(out.timeAt(index - 1));
            }
        }
    }

    @Test
    void decimatesAWrappedRingLikeAFreshOne() {
        TimeSeriesBuffer wrapped = new TimeSeriesBuffer(50_000);
        TimeSeriesBuffer fresh = new TimeSeriesBuffer(50_000);
        Random random = new Random(3);
        for (int index = 0; index < 130_000; index++) {
            double value = random.nextGaussian();
            wrapped.append(index * 1_000L, value);
            if (index >= 80_000) {
                fresh.append(index * 1_000L, value);
            }
        }
        DecimatedPoints fromFresh = new DecimatedPoints();

        Decimator.decimate(wrapped, 90_000_000, 125_000_000, 500, out);
        Decimator.decimate(fresh, 90_000_000, 125_000_000, 500, fromFresh);

        assertThat(out.size()).isEqualTo(fromFresh.size());
        assertThat(out.timesCopy()).containsExactly(fromFresh.timesCopy());
        assertThat(out.valuesCopy()).containsExactly(fromFresh.valuesCopy());
    }

    @Test
    void keepsOnlyPointsInsideTheWindow() {
        TimeSeriesBuffer series = noisySeries(10_000, 1_000);

        Decimator.decimate(series, 2_000_000, 2_300_000, 100, out);

        assertThat(out.size()).isLessThanOrEqualTo(202);
        assertThat(out.timeAt(0)).isEqualTo(2_000_000);
        assertThat(out.timeAt(out.size() - 1)).isEqualTo(2_300_000);
    }

    @Test
    void keepsABreakWhereverAnOutageFallsInAColumn() {
        TimeSeriesBuffer series = new TimeSeriesBuffer(100_000);
        for (int second = 0; second < 50_000; second++) {
            series.append(second * 1_000L, second % 100);
        }
        series.appendGap(50_000_000);
        for (int second = 50_030; second < 90_000; second++) { // the outage ends inside the column it began in
            series.append(second * 1_000L, second % 100);
        }

        Decimator.decimate(series, 0, 90_000_000, 300, out);

        assertThat(out.containsGap()).isTrue();
        assertThat(out.size()).isLessThanOrEqualTo(2 * 300 + 2 + 1);
        int gap = indexOfGap();
        // nothing after the break is drawn before it, nothing before it after it: no line crosses the outage
        for (int index = 0; index < gap; index++) {
            assertThat(out.timeAt(index)).isLessThan(50_000_000);
        }
        for (int index = gap + 1; index < out.size(); index++) {
            assertThat(out.timeAt(index)).isGreaterThan(50_000_000);
        }
    }

    @Test
    void keepsABreakInAShortWindowCopiedAsIs() {
        TimeSeriesBuffer series = new TimeSeriesBuffer(100);
        series.append(1_000, 1);
        series.appendGap(2_000);
        series.append(3_000, 3);

        Decimator.decimate(series, 0, 10_000, 800, out);

        assertThat(out.size()).isEqualTo(3);
        assertThat(out.valueAt(1)).isNaN();
    }

    @Test
    void handlesEmptyAndSinglePointWindows() {
        TimeSeriesBuffer series = new TimeSeriesBuffer(100);
        Decimator.decimate(series, 0, 10_000, 800, out);
        assertThat(out.size()).isZero();

        series.append(5_000, 42);
        Decimator.decimate(series, 0, 10_000, 800, out);
        assertThat(out.size()).isEqualTo(1);
        assertThat(out.valueAt(0)).isEqualTo(42);

        Decimator.decimate(series, 6_000, 10_000, 800, out);
        assertThat(out.size()).isZero();
    }

    private boolean containsPoint(double value) {
        for (int index = 0; index < out.size(); index++) {
            if (out.valueAt(index) == value) {
                return true;
            }
        }
        return false;
    }

    private int indexOfGap() {
        for (int index = 0; index < out.size(); index++) {
            if (Double.isNaN(out.valueAt(index))) {
                return index;
            }
        }
        return -1;
    }

    private static TimeSeriesBuffer noisySeries(int points, long stepMillis) {
        TimeSeriesBuffer series = new TimeSeriesBuffer(points);
        Random random = new Random(7);
        for (int index = 0; index < points; index++) {
            series.append(index * stepMillis, random.nextGaussian() * 100 + index % 3_600);
        }
        return series;
    }
}
