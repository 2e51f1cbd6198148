package dev.streamscope.app.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Targets that die or stop answering, for real: a killed child, a child stopped with SIGSTOP. */
class BrokenConnectionTest {

    @Test
    void onLostFiresOnceWhenTheTargetDies() throws Exception {
        try (GcChurnChild child = GcChurnChild.start("quiet")) {
            JvmConnection connection = RemoteJvmConnection.open(child.connect(), Timeouts.DEFAULT);
            try {
                List<TargetProblem> lost = new CopyOnWriteArrayList<>();
                connection.onLost(lost::add);

                child.kill();

                await().atMost(Duration.ofSeconds(30)).until(() -> !lost.isEmpty());
                await().during(Duration.ofMillis(300))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> lost.size() == 1);
                assertThat(lost).singleElement().satisfies(problem -> {
                    assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.CONNECTION_LOST);
                    assertThat(problem.getMessage()).contains("Lost the JMX connection");
                });
                assertThatThrownBy(connection::sample)
                        .isInstanceOfSatisfying(
                                TargetProblem.class,
                                problem -> assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.CONNECTION_LOST));
                List<TargetProblem> late = new CopyOnWriteArrayList<>();
                connection.onLost(late::add);
                assertThat(late)
                        .as("a listener added after the loss hears of it at once")
                        .hasSize(1);
            } finally {
                connection.close();
            }
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void sampleOfAStoppedTargetTimesOutAndRecoversWhenItResumes() throws Exception {
        try (GcChurnChild child = GcChurnChild.start("quiet");
                JvmConnection connection = RemoteJvmConnection.open(
                        child.connect(), new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(500)))) {
            connection.sample();
            signal(child, "STOP");
            try {
                assertThatThrownBy(connection::sample).isInstanceOfSatisfying(TargetProblem.class, problem -> {
                    assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.TIMEOUT);
                    assertThat(problem.getMessage()).contains("No answer within 500 ms", "java.lang:type=Threading");
                });
            } finally {
                signal(child, "CONT");
            }
            await().atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .until(() -> connection.sample().heap() != null);
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void closeReleasesASampleWaitingOnAStoppedTarget() throws Exception {
        try (GcChurnChild child = GcChurnChild.start("quiet")) {
            JvmConnection connection = RemoteJvmConnection.open(
                    child.connect(), new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60)));
            signal(child, "STOP");
            CompletableFuture<Throwable> sampling = CompletableFuture.supplyAsync(() -> {
                try {
                    connection.sample();
                    return null;
                } catch (Throwable failed) {
                    return failed;
                }
            });
            try {
                await().during(Duration.ofMillis(300))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> !sampling.isDone());
                connection.close();
                // well inside the 60 s call deadline: close, not the deadline, ended the wait
                assertThat(sampling.get(20, TimeUnit.SECONDS))
                        .isInstanceOfSatisfying(
                                TargetProblem.class,
                                problem -> assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.CONNECTION_LOST));
            } finally {
                signal(child, "CONT");
            }
        }
    }

    private static void signal(GcChurnChild child, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
        Path tasks = Path.of("/proc", Long.toString(child.pid()), "task");
        if (signal.equals("STOP") && Files.isDirectory(tasks)) {
            // kill returns once the signal is sent; on a loaded machine the child may still answer a moment later
            await().atMost(Duration.ofSeconds(10)).until(() -> everyThreadStopped(tasks));
        }
    }

    /** Whether each of the process's threads shows state T in its stat (the field after the parenthesised name). */
    private static boolean everyThreadStopped(Path tasks) throws Exception {
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.allMatch(thread -> {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
                } catch (IOException gone) {
                    return true; // a thread that ended answers nothing either
                }
            });
        }
    }
}
