package dev.streamscope.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.live.Demo;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.live.LiveRecording.ThreadSampling;
import dev.streamscope.app.threads.ThreadRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window tab's watch needs thread dumps for its threads trigger whichever page the tab shows: leaving the Threads
 * page must not stop them, and they stop once neither the page nor the watch wants them. Against the real demo target
 * (a child JVM, healthy for the whole test) over real JMX.
 */
class TabWatchThreadsTest {

    private static final Duration INTERVAL = Duration.ofMillis(500);

    @TempDir
    Path temporary;

    @Test
    void theWatchKeepsSamplingThreadsAfterTheThreadsPageIsLeftAndStopsWhenTurnedOff() throws Exception {
        try (Demo.Running demo = Demo.start(Duration.ofHours(1))) {
            LiveRecording recording = new LiveRecording(
                    demo.spec().describe(), true, true, JvmConnections::open, Timeouts.DEFAULT, INTERVAL);
            TabWatch watch = new TabWatch(
                    recording,
                    () -> WatchOptions.forTab(
                            demo.spec(),
                            INTERVAL,
                            Timeouts.DEFAULT,
                            temporary,
                            LifetimePolicy.parse(List.of("1h")),
                            Duration.ofSeconds(30)),
                    line -> {},
                    Clock.systemUTC());
            try {
                recording.start(demo.spec());
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> recording.latest().samples() >= 1);

                recording.setThreadSampling(ThreadSampling.PAGE, true);
                watch.setOn(true);
                recording.setThreadSampling(ThreadSampling.PAGE, false); // the user goes back to the charts
                int afterPageLeft = dumps(recording);
                await().atMost(Duration.ofSeconds(60)).until(() -> dumps(recording) >= afterPageLeft + 2);

                watch.setOn(false);
                int whenTurnedOff = dumps(recording);
                Thread.sleep(ThreadRules.SAMPLE_INTERVAL.multipliedBy(3).toMillis());
                assertThat(dumps(recording))
                        .as("only the dump already in flight may still land")
                        .isLessThanOrEqualTo(whenTurnedOff + 1);
                assertThat(temporary.toFile().list((folder, name) -> name.startsWith(Incident.FOLDER_PREFIX)))
                        .as("a healthy target: the watch saved nothing")
                        .isEmpty();
            } finally {
                watch.close();
                recording.close();
            }
        }
    }

    private static int dumps(LiveRecording recording) {
        return recording.latest().threads().samples();
    }
}
