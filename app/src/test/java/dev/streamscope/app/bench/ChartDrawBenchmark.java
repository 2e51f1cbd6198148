package dev.streamscope.app.bench;

import dev.streamscope.app.chart.ChartStyle;
import dev.streamscope.app.chart.JvmCharts;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TimeSeriesBuffer;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Drawing a day of history: 86,400 points (24 h at 1 s) in each of 4 series, into a 1600 × 900 image, as the window
 * and the PNG export do. {@code decimatedRefreshAndDraw} is what StreamScope does on every refresh (decimate to the
 * width, then draw). For comparison, {@code everyPointDraw} draws the same chart from a dataset of all points with a
 * stock 1 px line, and {@code everyPointSmoothDraw} with the 2 px antialiased line a sparse series gets.
 *
 * <p>Run: {@code mvn -B -pl app -am -DskipTests -Pbench verify -Djmh.args='ChartDrawBenchmark -f 1 -wi 2 -i 3'}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx1g"})
public class ChartDrawBenchmark {

    static final int WIDTH = 1_600;
    static final int HEIGHT = 900;
    static final int POINTS = TimeSeriesBuffer.DEFAULT_CAPACITY;
    static final String[] POOLS = {"G1 Eden Space", "G1 Old Gen", "G1 Survivor Space", "Metaspace"};
    static final long NOW = 1_800_000_000_000L;

    private LiveChart decimated;
    private LiveChart everyPoint;
    private LiveChart everyPointSmooth;
    private BufferedImage image;
    private Graphics2D graphics;
    private final Rectangle2D area = new Rectangle2D.Double(0, 0, WIDTH, HEIGHT);

    @Setup(Level.Trial)
    public void fill() {
        SeriesStore store = new SeriesStore();
        Random random = new Random(42);
        long start = NOW - POINTS * 1_000L;
        for (int second = 0; second < POINTS; second++) {
            long time = start + second * 1_000L;
            for (int pool = 0; pool < POOLS.length; pool++) {
                // a sawtooth per pool (allocation and collection) with noise, like a busy heap
                double megabytes =
                        (pool + 1) * 40 + (second % (60 + pool * 17)) * (pool + 1) + random.nextGaussian() * 3;
                store.append(SeriesKeys.poolUsed(POOLS[pool]), time, megabytes * 1024 * 1024);
            }
        }

        decimated = new LiveChart(JvmCharts.MEMORY_POOLS, store, ZoneOffset.UTC);
        decimated.refresh(TimeWindow.ALL, NOW, WIDTH);

        DefaultXYDataset all = new DefaultXYDataset();
        for (String pool : POOLS) {
            TimeSeriesBuffer buffer = store.find(SeriesKeys.poolUsed(pool)).orElseThrow();
            double[][] xy = new double[2][buffer.size()];
            for (int index = 0; index < buffer.size(); index++) {
                xy[0][index] = buffer.timeAt(index);
                xy[1][index] = buffer.valueAt(index) / (1024 * 1024);
            }
            all.addSeries(pool, xy);
        }
        // every point as a plain line renderer draws it: 1 px without antialiasing (the cheapest line Java2D has) ...
        everyPoint = chartOfEveryPoint(store, all, new BasicStroke(1f), false);
        // ... and with the look a sparse series gets (2 px, antialiased)
        everyPointSmooth = chartOfEveryPoint(store, all, ChartStyle.LINE_STROKE, true);

        image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_ARGB);
        graphics = image.createGraphics();
    }

    /** The same chart, axes and colours, with a stock line renderer drawing the dataset of every point. */
    private static LiveChart chartOfEveryPoint(
            SeriesStore store, DefaultXYDataset all, Stroke stroke, boolean antialiased) {
        LiveChart chart = new LiveChart(JvmCharts.MEMORY_POOLS, store, ZoneOffset.UTC);
        chart.refresh(TimeWindow.ALL, NOW, WIDTH);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setDefaultStroke(stroke);
        for (int series = 0; series < POOLS.length; series++) {
            renderer.setSeriesPaint(series, ChartStyle.seriesColor(series));
        }
        chart.chart().setAntiAlias(antialiased);
        chart.chart().getXYPlot().setRenderer(renderer);
        chart.chart().getXYPlot().setDataset(all);
        return chart;
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf(
                "%npoints drawn: decimated %,d, every point %,d%n", decimated.pointCount(), POINTS * POOLS.length);
        graphics.dispose();
    }

    @Benchmark
    public BufferedImage decimatedRefreshAndDraw() {
        decimated.refresh(TimeWindow.ALL, NOW, WIDTH);
        decimated.chart().draw(graphics, area);
        return image;
    }

    @Benchmark
    public int decimatedRefreshOnly() {
        decimated.refresh(TimeWindow.ALL, NOW, WIDTH);
        return decimated.pointCount();
    }

    @Benchmark
    public BufferedImage everyPointSmoothDraw() {
        everyPointSmooth.chart().draw(graphics, area);
        return image;
    }

    @Benchmark
    public BufferedImage everyPointDraw() {
        everyPoint.chart().draw(graphics, area);
        return image;
    }
}
