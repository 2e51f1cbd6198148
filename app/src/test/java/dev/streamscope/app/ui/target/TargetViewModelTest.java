package dev.streamscope.app.ui.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.transport.JvmTarget;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.recording.StreamsState;
import dev.streamscope.app.series.TestSamples;
import dev.streamscope.app.session.JvmConnector;
import dev.streamscope.app.session.TargetSpecs;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.settings.SettingsStore;
import dev.streamscope.app.ui.TaskRunner;
import dev.streamscope.app.ui.main.MainViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target tab's view model without a window: a same-thread task runner stands in for the FX thread, and a fake
 * connector for JMX (real connections are tested in the jmx package; here only what the tab makes of ticks counts).
 */
class TargetViewModelTest {

    /** Runs everything at once on the calling thread, the FX hand-off included. */
    private static final TaskRunner SAME_THREAD = new TaskRunner() {
        @Override
        public <T> void background(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
            try {
                onSuccess.accept(work.call());
            } catch (Exception e) {
                onFailure.accept(e);
            }
        }

        @Override
        public void onUiThread(Runnable action) {
            synchronized (SAME_THREAD) { // the poller and a test thread never apply at once
                action.run();
            }
        }
    };

    @TempDir
    Path home;

    @TempDir
    Path recordings;

    private final FakeConnection connection = new FakeConnection();
    private MainViewModel main;

    @AfterEach
    void shutDown() {
        if (main != null) {
            main.shutdown();
        }
    }

    @Test
    void ticksFillTheChartsTheHeaderAndTheStreamsView() throws Exception {
        TargetViewModel target = connected();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> target.samplesProperty().get() >= 3);

        synchronized (SAME_THREAD) {
            assertThat(target.stateProperty().get()).isEqualTo(TargetState.CONNECTED);
            assertThat(target.identityTextProperty().get())
                    .startsWith("4242@fake-host")
                    .contains("up ");
            assertThat(target.costTextProperty().get()).contains("JMX round trips");
            target.refreshCharts();
            LiveChart heap = chart(target, "heap");
            assertThat(heap.pointCount()).isPositive();
            assertThat(target.streams().sourceProperty().get())
                    .as("no bridge and no channelz: nothing to say about stream ages")
                    .isEqualTo(StreamsState.Source.NONE);
        }
    }

    @Test
    void closingReturnsAtOnceAndTheConnectionIsClosedOnThePollerThread() throws Exception {
        TargetViewModel target = connected();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> target.samplesProperty().get() >= 1);

        target.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> connection.closedOn.get() != null);
        assertThat(connection.closedOn.get()).startsWith("streamscope-poller-");
    }

    @Test
    void aSavedRecordingOpensAgainAsAReadOnlyTabWithTheSameHistory() throws Exception {
        TargetViewModel target = connected();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> target.samplesProperty().get() >= 3);

        synchronized (SAME_THREAD) {
            target.files().saveRecording(recordings);
        }
        // the recording writes in the background: a hidden folder first, renamed once whole
        Path saved = await().atMost(Duration.ofSeconds(20)).until(() -> savedFolder(recordings), Objects::nonNull);
        assertThat(saved.getFileName().toString()).startsWith("recording-fake-host_9010-");
        main.openRecording(saved);

        TargetViewModel opened = main.targets().stream()
                .filter(TargetViewModel::readOnly)
                .findFirst()
                .orElseThrow();
        assertThat(opened.titleProperty().get()).isEqualTo("Recording: fake-host:9010");
        assertThat(opened.statusMessageProperty().get()).startsWith("recording of fake-host:9010, from ");
        assertThat(opened.stateProperty().get()).isEqualTo(TargetState.STOPPED);
        opened.refreshCharts();
        assertThat(chart(opened, "heap").pointCount()).isPositive();
        opened.retry(); // nothing to connect: a recording stays as it is
        assertThat(opened.stateProperty().get()).isEqualTo(TargetState.STOPPED);
        assertThat(main.openRecordings()).containsExactly(opened);
    }

    @Test
    void aFolderThatIsNoRecordingSaysSoInTheStatusLine() throws Exception {
        main = new MainViewModel(SAME_THREAD, connection, new SettingsStore(home), Duration.ofMillis(200), null);

        main.openRecording(recordings);

        assertThat(main.statusLineProperty().get()).contains("has no summary.json");
        assertThat(main.targets()).isEmpty();
    }

    private TargetViewModel connected() throws TargetProblem {
        main = new MainViewModel(
                SAME_THREAD,
                connection,
                new SettingsStore(home),
                Duration.ofMillis(200),
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        TargetViewModel target = main.createTarget(
                TargetSpecs.parse("fake-host:9010", null, null, false, "", TargetSpecs.ChannelzOptions.PLAINTEXT));
        main.adopt(target);
        target.connect();
        return target;
    }

    private static Path savedFolder(Path parent) throws IOException {
        try (Stream<Path> folders = Files.list(parent)) {
            return folders.filter(folder -> !folder.getFileName().toString().startsWith("."))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static LiveChart chart(TargetViewModel target, String id) {
        return target.charts().stream()
                .filter(chart -> chart.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** A JVM that answers every poll with a growing G1 heap; records which thread closed it. */
    private static final class FakeConnection implements JvmConnector, JvmConnection {
        private final AtomicInteger polls = new AtomicInteger();
        private final AtomicReference<String> closedOn = new AtomicReference<>();

        @Override
        public JvmConnection connect(JvmTarget target, Timeouts timeouts) {
            return this;
        }

        @Override
        public JvmIdentity identity() {
            return new JvmIdentity("4242@fake-host", "OpenJDK 64-Bit Server VM", "Debian", "17.0.15", 1_000L);
        }

        @Override
        public JvmSample sample() {
            return TestSamples.g1(System.currentTimeMillis(), 100 + polls.incrementAndGet());
        }

        @Override
        public Optional<BridgeStreams> readStreams(int oldestLimit, LifetimePolicy policy) {
            return Optional.empty();
        }

        @Override
        public HeapHistogram classHistogram(HistogramMode mode, Duration deadline) throws TargetProblem {
            throw new TargetProblem(TargetProblem.Kind.OTHER, "this fake JVM takes no histograms");
        }

        @Override
        public void subscribeGc(Consumer<GcEvent> sink) {}

        @Override
        public void onLost(Consumer<TargetProblem> listener) {}

        @Override
        public void close() {
            closedOn.compareAndSet(null, Thread.currentThread().getName());
        }
    }
}
