package dev.streamscope.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.chart.ChartImages;
import dev.streamscope.app.chart.ChartLook;
import dev.streamscope.app.chart.ChartPalette;
import dev.streamscope.app.chart.ChartStyle;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.session.TargetSpecs;
import dev.streamscope.app.session.TargetState;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveRecordingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temporary;

    private LiveRecording recording;

    @AfterEach
    void close() {
        if (recording != null) {
            recording.close();
        }
    }

    @Test
    void histogramsTakenWhileRecordingAreSavedWithIt() throws Exception {
        recording = started(new RestartingJvm(Integer.MAX_VALUE));
        await().atMost(WAIT).until(() -> recording.latest().samples() >= 1);

        HeapHistogram first = recording.takeHistogram(HistogramMode.ALL, WAIT).get(30, TimeUnit.SECONDS);
        HeapHistogram latest = recording.takeHistogram(HistogramMode.ALL, WAIT).get(30, TimeUnit.SECONDS);
        LiveRecording.Saved saved = recording.saveNew(temporary).get(30, TimeUnit.SECONDS);

        assertThat(first.grpcCalls()).isEqualTo(1);
        assertThat(latest.grpcCalls()).isEqualTo(2);
        assertThat(Files.readString(saved.folder().resolve(RecordingFiles.HISTOGRAM_START)))
                .contains("io.grpc.internal.ServerCallImpl,1,48");
        assertThat(Files.readString(saved.folder().resolve(RecordingFiles.HISTOGRAM_END)))
                .contains("io.grpc.internal.ServerCallImpl,2,96");
    }

    @Test
    void theNextHistogramMayBeAskedForAsSoonAsOneArrives() throws Exception {
        recording = started(new RestartingJvm(Integer.MAX_VALUE));
        await().atMost(WAIT).until(() -> recording.latest().samples() >= 1);

        // asked for from the first one's own callback, the moment the caller sees it: once, the place was still taken
        HeapHistogram second = recording
                .takeHistogram(HistogramMode.ALL, WAIT)
                .thenCompose(first -> recording.takeHistogram(HistogramMode.ALL, WAIT))
                .get(30, TimeUnit.SECONDS);

        assertThat(second.grpcCalls()).isEqualTo(2);
    }

    @Test
    void aRecordingWithNoHistogramSavesNone() throws Exception {
        recording = started(new RestartingJvm(Integer.MAX_VALUE));
        await().atMost(WAIT).until(() -> recording.latest().samples() >= 1);

        LiveRecording.Saved saved = recording.saveNew(temporary).get(30, TimeUnit.SECONDS);

        assertThat(saved.folder().resolve(RecordingFiles.HISTOGRAM_START)).doesNotExist();
        assertThat(saved.summary().errors()).noneMatch(error -> error.startsWith("histogram"));
    }

    @Test
    void aHistogramBeforeTheConnectionSaysToWait() {
        recording = new LiveRecording("pod:9010", true, false, new RestartingJvm(1), timeouts(), interval());

        assertThat(recording.takeHistogram(HistogramMode.ALL, WAIT))
                .failsWithin(Duration.ofSeconds(1))
                .withThrowableThat()
                .withMessageContaining("is not connected yet");
    }

    @Test
    void aReaderIsTurnedAwayAtOnceWhileTheRecordingIsHeldAndTheRecordingCatchesUpAfter() throws Exception {
        recording = started(new RestartingJvm(Integer.MAX_VALUE));
        await().atMost(WAIT).until(() -> recording.latest().samples() >= 1);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondReaderGotIn = new AtomicBoolean(true);

        // one reader holds the recording still (as a long redraw would); the recording thread waits its turn
        Thread holder = new Thread(() -> recording.tryRead(recorder -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        secondReaderGotIn.set(recording.tryRead(recorder -> {}));
        long samplesWhileHeld = recording.latest().samples();
        release.countDown();
        holder.join(30_000);

        assertThat(secondReaderGotIn.get())
                .as("a second reader is turned away, not made to wait")
                .isFalse();
        await().atMost(WAIT).until(() -> recording.latest().samples() > samplesWhileHeld + 2);
        assertThat(recording.latest().state()).isEqualTo(TargetState.CONNECTED);
    }

    @Test
    void anExportTakesTheLookItIsGivenAndShowsTheHeap() throws Exception {
        recording = started(new RestartingJvm(Integer.MAX_VALUE));
        await().atMost(WAIT).until(() -> recording.latest().samples() >= 3);
        long end = recording.latest().lastSampleEpochMillis();

        Path dark = recording
                .exportChart(
                        "heap",
                        TimeWindow.ALL,
                        end,
                        new ChartLook(ChartPalette.DARK, 1.0),
                        temporary.resolve("dark.png"),
                        400,
                        300)
                .get(30, TimeUnit.SECONDS);
        Path printed = recording
                .exportChart("heap", TimeWindow.ALL, end, ChartLook.PRINTED, temporary.resolve("light.png"), 400, 300)
                .get(30, TimeUnit.SECONDS);

        BufferedImage darkImage = ImageIO.read(dark.toFile());
        BufferedImage printedImage = ImageIO.read(printed.toFile());
        assertThat(new Color(darkImage.getRGB(1, 1))).isEqualTo(ChartPalette.DARK.background());
        assertThat(new Color(printedImage.getRGB(1, 1))).isEqualTo(ChartPalette.LIGHT.background());
        assertThat(ChartImages.pixelsNear(printedImage, ChartStyle.seriesColor(0), 24))
                .as("the heap's first series is drawn, not only axes")
                .isPositive();
    }

    private LiveRecording started(RestartingJvm jvm) throws Exception {
        LiveRecording started = new LiveRecording("pod:9010", true, false, jvm, timeouts(), interval());
        started.start(TargetSpecs.parse("pod:9010", null, null, false, "", TargetSpecs.ChannelzOptions.PLAINTEXT));
        return started;
    }

    private static Timeouts timeouts() {
        return new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private static Duration interval() {
        return Duration.ofMillis(100);
    }
}
