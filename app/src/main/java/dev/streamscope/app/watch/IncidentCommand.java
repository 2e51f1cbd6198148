package dev.streamscope.app.watch;

import dev.streamscope.app.base.DurationText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * --on-incident: runs the user's command with an incident folder's path as its last argument (no shell: words split on
 * spaces; for pipes give a script), on a thread of its own, under a deadline. Its outcome goes to watch.log; nothing
 * it does, fails or hangs stops the watch.
 */
final class IncidentCommand implements AutoCloseable {

    /** The last this many characters of a failing command's output go into watch.log. */
    private static final int OUTPUT_TAIL = 2_000;

    private final List<String> command;
    private final Duration deadline;
    private final WatchLog log;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "streamscope-on-incident");
        thread.setDaemon(true);
        return thread;
    });

    IncidentCommand(String commandLine, Duration deadline, WatchLog log, Clock clock) {
        this.command = List.of(commandLine.trim().split("\\s+"));
        this.deadline = deadline;
        this.log = log;
        this.clock = clock;
    }

    /** Runs the command for {@code folder} after those asked for before it; returns at once. */
    void runFor(Path folder) {
        runner.execute(() -> run(folder));
    }

    private void logFailure(Path folder, List<String> argv, String problem, Path output) {
        log.write(
                clock.instant(),
                "on-incident-failed",
                "folder",
                folder.toString(),
                "command",
                argv,
                "problem",
                problem,
                "output",
                tail(output));
    }

    private void run(Path folder) {
        List<String> argv = new ArrayList<>(command);
        argv.add(folder.toString());
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("streamscope-on-incident-", ".txt");
            process = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                logFailure(
                        folder, argv, "did not finish within " + DurationText.age(deadline) + "; it was ended", output);
                return;
            }
            if (process.exitValue() != 0) {
                logFailure(folder, argv, "exited with status " + process.exitValue(), output);
            } else {
                log.write(clock.instant(), "on-incident-ran", "folder", folder.toString(), "command", argv);
            }
        } catch (IOException e) {
            log.write(
                    clock.instant(),
                    "on-incident-failed",
                    "folder",
                    folder.toString(),
                    "command",
                    argv,
                    "problem",
                    "could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            Thread.currentThread().interrupt();
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left behind; the system's cleaner takes it
                }
            }
        }
    }

    private static String tail(Path output) {
        try {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            return text.length() <= OUTPUT_TAIL ? text : text.substring(text.length() - OUTPUT_TAIL);
        } catch (IOException e) {
            return "(its output could not be read: " + e.getMessage() + ")";
        }
    }

    /** Lets a running command finish up to its deadline, then ends it. */
    @Override
    public void close() {
        runner.shutdown();
        try {
            if (!runner.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                runner.shutdownNow();
            }
        } catch (InterruptedException e) {
            runner.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
