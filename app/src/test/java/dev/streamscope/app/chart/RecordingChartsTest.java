package dev.streamscope.app.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamscope.app.archive.RecordingReader;
import dev.streamscope.app.archive.RecordingWriter;
import dev.streamscope.app.archive.SavedRecording;
import dev.streamscope.app.channelz.SocketNode;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.recording.Recorder;
import dev.streamscope.app.recording.StreamsReport;
import dev.streamscope.app.recording.StreamsReports;
import dev.streamscope.app.recording.Summaries;
import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.series.TestSamples;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.TargetTick;
import dev.streamscope.app.streams.SocketSnapshots;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.event.ChartChangeEvent;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the recording's charts draw beside their series, from real recorders fed hand-built ticks and channelz
 * snapshots (our own records, see {@link TestSamples}): the live-set trend on the old-generation chart, the growing
 * connections on the open-streams chart.
 */
class RecordingChartsTest {

    private static final long MIB = TestSamples.MIB;
    private static final long START = SocketSnapshots.START.toEpochMilli();
    private static final JvmIdentity IDENTITY =
            new JvmIdentity("4242@prod-api-7", "OpenJDK 64-Bit Server VM", "Eclipse Adoptium", "17.0.15", START);

    @Test
    void theOldGenerationChartDrawsTheFittedLineOverTheCollectionsAndSaysWhenItIsFull() {
        // a collection a minute, 200 MiB live and 10 MiB more each minute, in an old generation of 1 GiB
        Recorder recorder = jvmRecording(20, minute -> (200 + 10L * minute) * MIB);
        long end = START + 1_190_000; // the last tick, 50 s after the last collection at 19 min
        LiveChart chart = chart(recorder, JvmCharts.OLD_GEN_AFTER_GC);

        chart.refresh(TimeWindow.ALL, end, 800);

        XYDataset trend = chart.chart().getXYPlot().getDataset(LiveSetTrendOverlay.DATASET);
        // 390 MiB at 19 min: 634 MiB left at 10 MiB a minute is 63 min 24 s after it, 62 min 34 s after the end
        assertThat(trend.getSeriesKey(0)).isEqualTo("live-set trend +10.0 MiB/min, R² 1.00, full in ≈ 1 h 2 min");
        assertThat(trend.getItemCount(0)).isEqualTo(2);
        assertThat(trend.getXValue(0, 0)).as("starts at the first collection").isEqualTo(START);
        assertThat(trend.getYValue(0, 0)).isCloseTo(200.0, within(1e-6));
        assertThat(trend.getXValue(0, 1)).as("ends at the last one").isEqualTo(START + 19 * 60_000);
        assertThat(trend.getYValue(0, 1)).isCloseTo(390.0, within(1e-6));
        assertThat(notes(chart)).containsExactly("Old generation full in ≈ 1 h 2 min (+10.0 MiB/min, R² 1.00)");
        assertThat(chart.chart().getXYPlot().getRangeAxis().getUpperBound())
                .as("the axis keeps the data's scale, not the 1,024 MiB the line heads for")
                .isLessThan(450);
        BufferedImage image = chart.chart().createBufferedImage(800, 450);
        assertThat(ChartImages.pixelsNear(image, ChartStyle.WARNING, 40)).isGreaterThan(100);
    }

    @Test
    void aRecordingReadBackProjectsWithTheOldGenerationMaxItsSummaryKept(@TempDir Path folder) throws Exception {
        Recorder live = jvmRecording(20, minute -> (200 + 10L * minute) * MIB);
        long end = START + 1_190_000;
        StreamsReport report = StreamsReports.of(live.streams());
        Summary summary = Summaries.summarize(
                live,
                "prod-api-7:9010",
                null,
                Instant.ofEpochMilli(START),
                Instant.ofEpochMilli(end),
                Duration.ofSeconds(10),
                report,
                List.of());
        assertThat(summary.heap().oldGenMaxBytes()).isEqualTo(1_024 * MIB);
        RecordingWriter.prepare(live, RecordingCharts.of(live), end, report, summary)
                .writeInto(folder);

        SavedRecording saved = RecordingReader.read(folder);
        Recorder reopened = new Recorder(saved.target(), true, false, saved.store());
        reopened.restore(
                saved.streams(), saved.channelz(), saved.summary().heap().oldGenMaxBytes());
        LiveChart chart = chart(reopened, JvmCharts.OLD_GEN_AFTER_GC);
        chart.refresh(TimeWindow.ALL, end, 800);

        assertThat(notes(chart))
                .as("the same projection as while it was recorded, though no sample was read back")
                .containsExactly("Old generation full in ≈ 1 h 2 min (+10.0 MiB/min, R² 1.00)");
    }

    @Test
    void aWindowShorterThanTheFitShowsTheLineFromTheWindowsStart() {
        Recorder recorder = jvmRecording(20, minute -> (200 + 10L * minute) * MIB);
        long end = START + 1_190_000;
        LiveChart chart = chart(recorder, JvmCharts.OLD_GEN_AFTER_GC);

        chart.refresh(TimeWindow.FIVE_MINUTES, end, 800);

        XYDataset trend = chart.chart().getXYPlot().getDataset(LiveSetTrendOverlay.DATASET);
        assertThat(trend.getXValue(0, 0)).isEqualTo(end - 300_000);
        // 14 min 50 s after the first collection
        assertThat(trend.getYValue(0, 0)).isCloseTo(200 + 10 * (14 + 50 / 60.0), within(1e-6));
        assertThat(trend.getXValue(0, 1)).isEqualTo(START + 19 * 60_000);
    }

    @Test
    void tooFewCollectionsDrawNoLineAndSaySoQuietly() {
        Recorder recorder = jvmRecording(2, minute -> (200 + 10L * minute) * MIB);
        LiveChart chart = chart(recorder, JvmCharts.OLD_GEN_AFTER_GC);

        chart.refresh(TimeWindow.ALL, START + 110_000, 800);

        assertThat(chart.chart()
                        .getXYPlot()
                        .getDataset(LiveSetTrendOverlay.DATASET)
                        .getSeriesCount())
                .isZero();
        assertThat(notes(chart)).containsExactly("trend needs 5 collections (2 so far)");
        BufferedImage image = chart.chart().createBufferedImage(800, 450);
        assertThat(ChartImages.pixelsNear(image, ChartStyle.WARNING, 40)).isZero();
    }

    @Test
    void aFlatLiveSetGetsAQuietLineWithItsFiguresAndNoProjection() {
        Random noise = new Random(7);
        Recorder recorder = jvmRecording(30, minute -> 300 * MIB + noise.nextInt((int) (40 * MIB)));
        LiveChart chart = chart(recorder, JvmCharts.OLD_GEN_AFTER_GC);

        chart.refresh(TimeWindow.ALL, START + 1_790_000, 800);

        XYPlot plot = chart.chart().getXYPlot();
        XYDataset trend = plot.getDataset(LiveSetTrendOverlay.DATASET);
        assertThat(trend.getSeriesKey(0).toString())
                .startsWith("live-set trend ")
                .contains("MiB/min, R² 0.")
                .doesNotContain("full");
        assertThat(trend.getItemCount(0)).isEqualTo(2);
        assertThat(plot.getRenderer(LiveSetTrendOverlay.DATASET).getSeriesPaint(0))
                .isEqualTo(ChartStyle.QUIET);
        assertThat(notes(chart)).isEmpty();
        BufferedImage image = chart.chart().createBufferedImage(800, 450);
        assertThat(ChartImages.pixelsNear(image, ChartStyle.WARNING, 40)).isZero();
    }

    @Test
    void theOpenStreamsChartMarksAClimbingConnectionWhereItBeganToGrow() {
        // a minute of 40 open streams, then 20 a second leaked, next to 50 healthy calls a second that end
        Recorder recorder = channelzRecording(180, second -> second < 60 ? 40 : 40 + 20L * (second - 60));
        LiveChart chart = chart(recorder, ChannelzCharts.OPEN_STREAMS);

        chart.refresh(TimeWindow.FIVE_MINUTES, START + 179_000, 800);

        List<ValueMarker> markers = markers(chart);
        assertThat(markers).hasSize(1);
        assertThat(markers.get(0).getLabel()).isEqualTo("↗ 127.0.0.1:6000 → 127.0.0.1:5001 +1,200/min");
        assertThat(markers.get(0).getValue()).as("where the climb began").isEqualTo(START + 60_000);
        BufferedImage image = chart.chart().createBufferedImage(800, 450);
        assertThat(ChartImages.pixelsNear(image, ChartStyle.WARNING, 40)).isGreaterThan(100);
    }

    @Test
    void aClimbThatBeganBeforeTheWindowIsMarkedAtItsEdgeAndSaysSince() {
        Recorder recorder = channelzRecording(600, second -> 20L * second);
        LiveChart chart = chart(recorder, ChannelzCharts.OPEN_STREAMS);
        long end = START + 599_000;

        chart.refresh(TimeWindow.FIVE_MINUTES, end, 800);

        List<ValueMarker> markers = markers(chart);
        assertThat(markers).hasSize(1);
        assertThat(markers.get(0).getValue()).isEqualTo(end - 300_000);
        // the climb began with the recording; its start is read within the noise the rule allows, a few seconds
        assertThat(markers.get(0).getLabel()).matches(".*\\+1,200/min since 00:00:0[0-4]");
    }

    @Test
    void steadyConcurrencyMarksNothing() {
        Random noise = new Random(2);
        // streams that end: about 40 open, give or take what a poll catches
        Recorder recorder = channelzRecording(300, second -> 30 + noise.nextInt(21));
        LiveChart chart = chart(recorder, ChannelzCharts.OPEN_STREAMS);

        chart.refresh(TimeWindow.FIVE_MINUTES, START + 299_000, 800);

        assertThat(recorder.streams().growing()).isEmpty();
        assertThat(markers(chart)).isEmpty();
        assertThat(chart.pointCount())
                .as("the open streams themselves are drawn")
                .isPositive();
        BufferedImage image = chart.chart().createBufferedImage(800, 450);
        assertThat(ChartImages.pixelsNear(image, ChartStyle.WARNING, 40)).isZero();
    }

    @Test
    void manyClimbingConnectionsMarkTheFastestFewAndCountTheRest() {
        Recorder recorder = new Recorder("t", false, true);
        for (int second = 0; second < 120; second++) {
            List<SocketNode> sockets = new ArrayList<>();
            for (int id = 1; id <= 5; id++) {
                sockets.add(socket(id, second, 10L * id * second)); // 10 to 50 leaked a second
            }
            record(recorder, second, sockets.toArray(SocketNode[]::new));
        }
        LiveChart chart = chart(recorder, ChannelzCharts.OPEN_STREAMS);

        chart.refresh(TimeWindow.FIVE_MINUTES, START + 119_000, 800);

        List<ValueMarker> markers = markers(chart);
        assertThat(markers).hasSize(GrowthMarkers.MAX_MARKED);
        assertThat(markers.get(0).getLabel()).isEqualTo("↗ 127.0.0.1:6000 → 127.0.0.1:5005 +3,000/min");
        assertThat(markers.get(1).getLabel()).isEqualTo("↗ 127.0.0.1:6000 → 127.0.0.1:5004 +2,400/min");
        assertThat(markers.get(2).getLabel())
                .isEqualTo("↗ 127.0.0.1:6000 → 127.0.0.1:5003 +1,800/min · 2 more growing");
        assertThat(markers.get(1).getLabelOffset().getTop())
                .as("labels stack, so none hides another")
                .isGreaterThan(markers.get(0).getLabelOffset().getTop());
    }

    @Test
    void markersAndNotesTakeTheDarkLookAndKeepItAcrossRefreshes() {
        Recorder recorder = channelzRecording(120, second -> 20L * second);
        LiveChart streams = chart(recorder, ChannelzCharts.OPEN_STREAMS);
        LiveChart oldGen = chart(jvmRecording(20, minute -> (200 + 10L * minute) * MIB), JvmCharts.OLD_GEN_AFTER_GC);
        streams.refresh(TimeWindow.FIVE_MINUTES, START + 119_000, 800);
        oldGen.refresh(TimeWindow.ALL, START + 1_190_000, 800);

        ChartStyle.restyle(streams.chart(), ChartPalette.DARK, 1.5);
        ChartStyle.restyle(oldGen.chart(), ChartPalette.DARK, 1.5);
        Marker marker = markers(streams).get(0);
        TextTitle note = noteTitles(oldGen).get(0);

        assertThat(marker.getLabelPaint()).isEqualTo(ChartPalette.DARK.text());
        assertThat(marker.getLabelBackgroundColor().getRGB() & 0xffffff)
                .isEqualTo(ChartPalette.DARK.background().getRGB() & 0xffffff);
        assertThat(marker.getLabelFont().getSize2D()).isEqualTo(ChartStyle.LEGEND_FONT.getSize2D() * 1.5f);
        assertThat(((Color) note.getBackgroundPaint()).getRGB() & 0xffffff)
                .isEqualTo(ChartPalette.DARK.background().getRGB() & 0xffffff);
        assertThat(note.getPaint()).isEqualTo(ChartStyle.WARNING);

        // the next tick draws new markers and notes: in the look the chart has
        streams.refresh(TimeWindow.FIVE_MINUTES, START + 119_000, 800);
        oldGen.refresh(TimeWindow.ALL, START + 1_190_000, 800);

        assertThat(markers(streams).get(0).getLabelPaint()).isEqualTo(ChartPalette.DARK.text());
        assertThat(((Color) noteTitles(oldGen).get(0).getBackgroundPaint()).getRGB() & 0xffffff)
                .isEqualTo(ChartPalette.DARK.background().getRGB() & 0xffffff);
        assertThat(noteTitles(oldGen).get(0).getFont().getSize2D())
                .isEqualTo(ChartStyle.LEGEND_FONT.getSize2D() * 1.5f);
    }

    @Test
    void aRefreshWithOverlaysStillFiresOneChangeEvent() {
        LiveChart chart = chart(jvmRecording(20, minute -> (200 + 10L * minute) * MIB), JvmCharts.OLD_GEN_AFTER_GC);
        List<ChartChangeEvent> events = new ArrayList<>();
        chart.chart().addChangeListener(events::add);

        chart.refresh(TimeWindow.ALL, START + 1_190_000, 800);

        assertThat(events).hasSize(1);
    }

    /**
     * A JVM recording: a tick every 10 s for {@code minutes}, a young collection at each full minute leaving {@code
     * oldGenAfterGc} in an old generation of 1 GiB.
     */
    private static Recorder jvmRecording(int minutes, IntToLongFunction oldGenAfterGc) {
        Recorder recorder = new Recorder("prod-api-7:9010", true, false);
        for (int tick = 0; tick < minutes * 6; tick++) {
            long time = START + tick * 10_000L;
            List<GcEvent> events = tick % 6 == 0
                    ? List.of(new GcEvent(
                            time,
                            "G1 Young Generation",
                            "end of minor GC",
                            "G1 Evacuation Pause",
                            12,
                            false,
                            0,
                            tick,
                            oldGenAfterGc.applyAsLong(tick / 6)))
                    : List.of();
            recorder.record(new TargetTick(IDENTITY, TestSamples.g1(time, 500, 1_024), events, false, null));
        }
        return recorder;
    }

    /** A channelz recording: a poll a second of one connection with {@code open} streams open at each second. */
    private static Recorder channelzRecording(int seconds, IntToLongFunction open) {
        Recorder recorder = new Recorder("127.0.0.1:50051", false, true);
        for (int second = 0; second < seconds; second++) {
            record(recorder, second, socket(1, second, open.applyAsLong(second)));
        }
        return recorder;
    }

    /** 50 healthy calls a second that end, beside {@code open} that have not. */
    private static SocketNode socket(long id, int second, long open) {
        long ended = 50L * second;
        return SocketSnapshots.serverSocket(id, ended + open, ended, 0, Instant.ofEpochMilli(START + second * 1_000L));
    }

    private static void record(Recorder recorder, int second, SocketNode... sockets) {
        recorder.record(new ChannelzUpdate(
                Instant.ofEpochMilli(START + second * 1_000L),
                SocketSnapshots.snapshotAtMillis(second * 1_000L, sockets),
                null));
    }

    private static LiveChart chart(Recorder recorder, ChartDefinition definition) {
        return RecordingCharts.of(recorder, ZoneOffset.UTC).stream()
                .filter(chart -> chart.definition() == definition)
                .findFirst()
                .orElseThrow();
    }

    private static List<ValueMarker> markers(LiveChart chart) {
        Collection<?> markers = chart.chart().getXYPlot().getDomainMarkers(Layer.FOREGROUND);
        List<ValueMarker> found = new ArrayList<>();
        if (markers != null) {
            markers.forEach(marker -> found.add((ValueMarker) marker));
        }
        return found;
    }

    private static List<TextTitle> noteTitles(LiveChart chart) {
        List<TextTitle> titles = new ArrayList<>();
        for (XYAnnotation annotation : chart.chart().getXYPlot().getAnnotations()) {
            titles.add((TextTitle) ((XYTitleAnnotation) annotation).getTitle());
        }
        return titles;
    }

    private static List<String> notes(LiveChart chart) {
        return noteTitles(chart).stream().map(TextTitle::getText).toList();
    }
}
