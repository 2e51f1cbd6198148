package dev.streamscope.app.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamscope.app.series.SeriesStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.data.xy.DefaultXYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngExporterTest {

    private static final long NOW = 1_800_000_000_000L;

    @TempDir
    Path folder;

    @Test
    void writesAPngOfTheRequestedSizeShowingTheSeries() throws IOException {
        LiveChart chart = refreshed(JvmCharts.HEAP, LiveChartTest.storeWithMinutes(10));
        Path file = folder.resolve("heap.png");

        PngExporter.write(chart.chart(), file, 1_200, 700);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1_200);
        assertThat(image.getHeight()).isEqualTo(700);
        assertThat(ChartImages.pixelsOf(image, ChartStyle.seriesColor(0))).isGreaterThan(300);
        assertThat(filesIn(folder)).containsExactly(file);
    }

    @Test
    void replacesAnExistingFileWhole() throws IOException {
        LiveChart chart = refreshed(JvmCharts.HEAP, LiveChartTest.storeWithMinutes(1));
        Path file = folder.resolve("heap.png");
        Files.writeString(file, "old");

        PngExporter.write(chart.chart(), file, 400, 300);

        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(400);
        assertThat(filesIn(folder)).containsExactly(file);
    }

    @Test
    void exportsEveryChartWithTimestampedNames() throws IOException {
        SeriesStore store = LiveChartTest.storeWithMinutes(2);
        List<LiveChart> charts = JvmCharts.createAll(store);
        charts.forEach(chart -> chart.refresh(TimeWindow.FIVE_MINUTES, NOW, PngExporter.DEFAULT_WIDTH));
        Instant now = Instant.parse("2026-11-29T09:45:01Z");

        List<Path> written = PngExporter.exportAll(
                charts, folder, PngExporter.DEFAULT_WIDTH, PngExporter.DEFAULT_HEIGHT, now, ZoneOffset.UTC);

        assertThat(written).hasSize(JvmCharts.all().size());
        assertThat(written.get(0)).isEqualTo(folder.resolve("heap-2026-11-29T09-45-01.png"));
        assertThat(written.get(3).getFileName()).hasToString("gc-pauses-2026-11-29T09-45-01.png");
        assertThat(filesIn(folder)).containsExactlyInAnyOrderElementsOf(written);
        BufferedImage image = ImageIO.read(written.get(0).toFile());
        assertThat(image.getWidth()).isEqualTo(1_600);
        assertThat(image.getHeight()).isEqualTo(900);
    }

    @Test
    void namesAMissingFolder() {
        LiveChart chart = refreshed(JvmCharts.HEAP, new SeriesStore());
        Path missing = folder.resolve("nowhere");

        assertThatThrownBy(() -> PngExporter.write(chart.chart(), missing.resolve("heap.png"), 400, 300))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PngExporter.exportAll(List.of(chart), missing, 400, 300, Instant.now()))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void refusesAFileWhereAFolderIsExpected() throws IOException {
        LiveChart chart = refreshed(JvmCharts.HEAP, new SeriesStore());
        Path notAFolder = Files.writeString(folder.resolve("plain-file"), "x");

        assertThatThrownBy(() -> PngExporter.exportAll(List.of(chart), notAFolder, 400, 300, Instant.now()))
                .isInstanceOf(NotDirectoryException.class)
                .hasMessageContaining("not a folder");
    }

    @Test
    void leavesNoFileBehindWhenRenderingFails() throws IOException {
        LiveChart chart = refreshed(JvmCharts.HEAP, LiveChartTest.storeWithMinutes(1));
        BreakingDataset dataset = new BreakingDataset();
        chart.chart().getXYPlot().setDataset(dataset);
        dataset.broken = true; // the failure now happens while the chart is drawn, midway through writing the file

        assertThatThrownBy(() -> PngExporter.write(chart.chart(), folder.resolve("heap.png"), 400, 300))
                .isInstanceOf(IllegalStateException.class);
        assertThat(filesIn(folder)).isEmpty();
    }

    /** A dataset that fails on demand: a rendering failure cannot be provoked otherwise. */
    private static final class BreakingDataset extends DefaultXYDataset {
        boolean broken;

        @Override
        public int getSeriesCount() {
            if (broken) {
                throw new IllegalStateException("broken dataset");
            }
            return super.getSeriesCount();
        }
    }

    private static LiveChart refreshed(ChartDefinition definition, SeriesStore store) {
        LiveChart chart = new LiveChart(definition, store, ZoneOffset.UTC);
        chart.refresh(TimeWindow.FIVE_MINUTES, NOW, 800);
        return chart;
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
