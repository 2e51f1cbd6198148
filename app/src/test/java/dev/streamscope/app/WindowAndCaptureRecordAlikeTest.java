package dev.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonParser;
import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.capture.CaptureOptions;
import dev.streamscope.app.capture.CaptureResult;
import dev.streamscope.app.capture.HeadlessCapture;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.live.RestartingJvm;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetSpecs;
import dev.streamscope.app.settings.SettingsStore;
import dev.streamscope.app.ui.TaskRunner;
import dev.streamscope.app.ui.main.MainViewModel;
import dev.streamscope.app.ui.target.TargetViewModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's tab and the headless capture are projections of one live recording: a target that drops its connection
 * and comes back as a new process leaves the same notes in a window's saved recording as in a capture's folder, even
 * when the window's UI thread is far behind (once, a status arriving in the same hand-off as the next one was lost).
 */
class WindowAndCaptureRecordAlikeTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @TempDir
    Path temporary;

    @Test
    void aWindowThatFallsBehindSavesTheOutageAndTheRestart() throws Exception {
        RestartingJvm jvm = new RestartingJvm(3);
        StalledUiThread ui = new StalledUiThread();
        MainViewModel main =
                new MainViewModel(ui, jvm, new SettingsStore(temporary.resolve("home")), INTERVAL, TIMEOUTS);
        TargetViewModel target = main.createTarget(spec());
        target.connect();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> jvm.connections() >= 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                ui.runPending(); // the UI catches up now and then, in one hand-off for everything since
                return target.samplesProperty().get() >= 6;
            });

            target.files().saveRecording(temporary);
            Path saved = await().atMost(Duration.ofSeconds(30)).until(this::savedFolder, Objects::nonNull);

            assertThat(notes(saved))
                    .contains("lost pod:9010: The connection to pod was lost.")
                    .contains("reconnected to pod:9010 after an outage of")
                    .contains("the target restarted: 4001@pod is now 4002@pod");
        } finally {
            target.close();
        }
    }

    @Test
    void aCaptureSavesTheSameNotes() throws Exception {
        RestartingJvm jvm = new RestartingJvm(3);
        CaptureOptions options = new CaptureOptions(
                spec(),
                Duration.ofSeconds(6), // the loss after 0.3 s, the reconnect 1 s later: room for a loaded machine
                INTERVAL,
                TIMEOUTS,
                temporary.resolve("capture"),
                false,
                LifetimePolicy.DEFAULT,
                false);

        CaptureResult result = new HeadlessCapture(options, new PrintStream(new ByteArrayOutputStream()), jvm).run();

        assertThat(jvm.connections()).isGreaterThanOrEqualTo(2);
        assertThat(notes(result.folder()))
                .contains("lost pod:9010: The connection to pod was lost.")
                .contains("reconnected to pod:9010 after an outage of")
                .contains("the target restarted: 4001@pod is now 4002@pod");
    }

    private static TargetSpec spec() throws TargetProblem {
        return TargetSpecs.parse("pod:9010", null, null, false, "", TargetSpecs.ChannelzOptions.PLAINTEXT);
    }

    private static String notes(Path folder) throws IOException {
        return JsonParser.parseString(Files.readString(folder.resolve(RecordingFiles.SUMMARY)))
                .getAsJsonObject()
                .get("errors")
                .toString();
    }

    private Path savedFolder() throws IOException {
        try (Stream<Path> folders = Files.list(temporary)) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("recording-"))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A UI thread that runs what it was handed only when the test lets it: as a window busy for seconds. */
    private static final class StalledUiThread implements TaskRunner {
        private final List<Runnable> pending = new ArrayList<>();

        @Override
        public <T> void background(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
            try {
                T result = work.call();
                onUiThread(() -> onSuccess.accept(result));
            } catch (Exception e) {
                onUiThread(() -> onFailure.accept(e));
            }
        }

        @Override
        public synchronized void onUiThread(Runnable action) {
            pending.add(action);
        }

        void runPending() {
            List<Runnable> now;
            synchronized (this) {
                now = new ArrayList<>(pending);
                pending.clear();
            }
            now.forEach(Runnable::run);
        }
    }
}
