package dev.streamscope.app.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.chart.ChannelzCharts;
import dev.streamscope.app.chart.ChartDefinition;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Checks on the files a capture wrote, shared by the in-process and the command-line tests. */
final class CaptureFiles {

    private CaptureFiles() {}

    static SummaryNode summary(Path folder) throws IOException {
        return SummaryNode.read(folder.resolve(RecordingFiles.SUMMARY));
    }

    /** Every chart of a JMX + channelz target is there as a PNG that decodes and shows more than a background. */
    static void assertChartsWritten(Path folder, boolean jvm, boolean channelz) throws IOException {
        List<ChartDefinition> charts = ChannelzCharts.forTarget(jvm, channelz);
        for (ChartDefinition chart : charts) {
            Path png = folder.resolve(chart.id() + ".png");
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png + " decodes").isNotNull();
            assertThat(image.getWidth()).isEqualTo(1_600);
            assertThat(share(image, image.getRGB(0, 0)))
                    .as(png + " is not blank: most pixels differ from a corner's")
                    .isLessThan(0.99);
            List<String> csv = Files.readAllLines(folder.resolve(chart.id() + ".csv"));
            assertThat(csv.get(0)).as("header with units").startsWith("time (ISO-8601 UTC),epochMillis (ms)");
        }
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
