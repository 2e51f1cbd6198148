package dev.streamscope.app.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.archive.RecordingReader;
import dev.streamscope.app.archive.SavedRecording;
import dev.streamscope.app.chart.ChartImages;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.RecordingCharts;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.recording.Recorder;
import java.awt.Color;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Checks on the files a capture wrote, shared by the in-process and the command-line tests. */
final class CaptureFiles {

    private CaptureFiles() {}

    static SummaryNode summary(Path folder) throws IOException {
        return SummaryNode.read(folder.resolve(RecordingFiles.SUMMARY));
    }

    /**
     * Every chart of the target is either written, as a PNG that decodes and shows its first series in that series'
     * own colour next to a CSV with data rows, or left out with the reason in summary.json; the charts named in
     * {@code mustHaveData} are written. The PNGs are checked against the recording read back from the folder, so
     * this also proves the folder opens again.
     */
    static void assertChartsWritten(Path folder, boolean jvm, boolean channelz, String... mustHaveData)
            throws Exception {
        String errors = summary(folder).get("errors").toString();
        SavedRecording saved = RecordingReader.read(folder);
        Recorder reread = new Recorder(saved.target(), jvm, channelz, saved.store());
        List<String> written = new ArrayList<>();
        for (LiveChart chart : RecordingCharts.of(reread)) {
            Path png = folder.resolve(chart.id() + ".png");
            if (!Files.exists(png)) {
                assertThat(errors)
                        .as(chart.id() + " is written or its absence explained")
                        .contains(chart.id() + ".png, " + chart.id() + ".csv: left out");
                assertThat(chart.hasData())
                        .as(chart.id() + " was left out because it has no data")
                        .isFalse();
                continue;
            }
            written.add(chart.id());
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png + " decodes").isNotNull();
            assertThat(image.getWidth()).isEqualTo(1_600);
            chart.refresh(TimeWindow.ALL, System.currentTimeMillis(), 1_600);
            Paint first = chart.chart().getXYPlot().getRenderer().getSeriesPaint(0);
            assertThat(first)
                    .as(chart.id() + " has a first series with its own colour")
                    .isInstanceOf(Color.class);
            // a line needs points: a series of one or two (a first collection) shows little beyond its legend swatch
            if (chart.chart().getXYPlot().getDataset().getItemCount(0) >= 3) {
                assertThat(count(image, ((Color) first).getRGB()))
                        .as(png + " draws its first series in its colour")
                        .isGreaterThan(20);
            }
            List<String> csv = Files.readAllLines(folder.resolve(chart.id() + ".csv"));
            assertThat(csv.get(0)).as("header with units").startsWith("time (ISO-8601 UTC),epochMillis (ms)");
            assertThat(csv).as(chart.id() + ".csv has data rows").hasSizeGreaterThan(1);
        }
        assertThat(written).containsAll(List.of(mustHaveData));
    }

    /** Pixels of {@code png} within {@code tolerance} of {@code color} in each channel: antialiased lines count. */
    static long pixelsNear(Path png, Color color, int tolerance) throws IOException {
        return ChartImages.pixelsNear(ImageIO.read(png.toFile()), color, tolerance);
    }

    private static long count(BufferedImage image, int rgb) {
        return Math.round(share(image, rgb) * image.getWidth() * image.getHeight());
    }

    private static double share(BufferedImage image, int rgb) {
        long same = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == rgb) {
                    same++;
                }
            }
        }
        return same / (double) (image.getWidth() * image.getHeight());
    }
}
