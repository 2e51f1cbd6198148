package dev.streamscope.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How demo children end, and how a child that never gets ready is reported. Each test starts its own child. */
class DemoTargetLifetimeTest {

    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(15);

    /** Traffic plays no part here; without it the children start and stop on less CPU. */
    private static final DemoSettings QUIET =
            DemoSettings.DEFAULT.withHealthyCallsPerSecond(0).withLeakedStreamsPerSecond(0);

    @Test
    void closeEndsTheChildAndCanBeRepeated() throws DemoLaunchException {
        DemoTarget demo = DemoTargetLauncher.start(START_DEADLINE, QUIET);
        try {
            assertThat(demo.isAlive()).isTrue();

            demo.close();

            assertThat(demo.isAlive()).isFalse();
            demo.close();
            assertThat(demo.isAlive()).isFalse();
        } finally {
            demo.close();
        }
    }

    @Test
    void childExitsByItselfWhenItsInputEnds() throws DemoLaunchException {
        DemoTarget demo = DemoTargetLauncher.start(START_DEADLINE, QUIET);
        try {
            demo.endInput();

            await().atMost(EXIT_WAIT).until(() -> !demo.isAlive());
            assertThat(demo.exitCode()).as("exited normally, not killed").hasValue(0);
        } finally {
            demo.close();
        }
    }

    @Test
    void childThatFailsToStartIsReportedWithItsErrorOutput() {
        DemoTargetLauncher launcher = new DemoTargetLauncher("dev.streamscope.app.demo.NoSuchMain", List.of());

        DemoLaunchException failure = catchThrowableOfType(
                DemoLaunchException.class, () -> launcher.launch(START_DEADLINE).close());

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage())
                .contains("ended before it was ready")
                .contains("exit code 1")
                .contains("Could not find or load main class dev.streamscope.app.demo.NoSuchMain");
        assertThat(failure.childPid()).isPresent();
    }

    @Test
    void childThatNeverGetsReadyIsEndedAtTheDeadline() {
        DemoTargetLauncher launcher = new DemoTargetLauncher(SilentChild.class.getName(), List.of());

        DemoLaunchException failure = catchThrowableOfType(
                DemoLaunchException.class,
                () -> launcher.launch(Duration.ofSeconds(3)).close());

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage())
                .contains("was not ready within 3000 ms")
                .contains("silent child started, never ready");
        long pid = failure.childPid().orElseThrow();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("the launcher ended the child it gave up on")
                .isFalse();
    }
}
