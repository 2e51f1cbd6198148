package dev.streamscope.app.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the demo child JVM: this JVM's java, this JVM's class path, a small heap, and {@link DemoTargetMain} as main.
 * It waits for the child's handshake line under a deadline, on the stdout reader thread, so a child that hangs or dies
 * costs the caller at most the deadline. The child's stderr is forwarded to ours, prefixed, and its last lines go into
 * the error message when the launch fails.
 */
public final class DemoTargetLauncher {

    /** Enough for the default leak to plateau well below it (see {@link DemoSettings}). */
    static final String MAXIMUM_HEAP = "-Xmx384m";

    private static final int ERROR_TAIL_LINES = 20;
    private static final long EXIT_OUTPUT_WAIT_MILLIS = 1_000;

    private final String mainClassName;
    private final List<String> jvmOptions;

    /**
     * @param mainClassName the child's main class; tests point it at one that fails or hangs
     * @param jvmOptions options before the main class, after the launcher's own
     */
    DemoTargetLauncher(String mainClassName, List<String> jvmOptions) {
        this.mainClassName = Objects.requireNonNull(mainClassName, "mainClassName");
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Starts the demo with its default traffic and waits at most {@code deadline} for it to be ready. */
    public static DemoTarget start(Duration deadline) throws DemoLaunchException {
        return start(deadline, DemoSettings.DEFAULT);
    }

    /** Starts the demo with the given traffic and leak settings. */
    public static DemoTarget start(Duration deadline, DemoSettings settings) throws DemoLaunchException {
        return new DemoTargetLauncher(DemoTargetMain.class.getName(), settings.asJvmOptions()).launch(deadline);
    }

    /**
     * Starts the demo with a second server whose Netty event loop its handler blocks (for the Threads page's test): the
     * demo's own traffic goes on as usual.
     */
    public static DemoTarget startWithBlockedEventLoop(Duration deadline) throws DemoLaunchException {
        List<String> options = new ArrayList<>(DemoSettings.DEFAULT.asJvmOptions());
        options.add("-D" + EventLoopBlocker.PROPERTY + "=true");
        return new DemoTargetLauncher(DemoTargetMain.class.getName(), options).launch(deadline);
    }

    DemoTarget launch(Duration deadline) throws DemoLaunchException {
        List<String> command = command();
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new DemoLaunchException(
                    "Could not start the demo target (" + String.join(" ", command) + "): " + e.getMessage()
                            + ". Check that this Java installation can run its own java executable.",
                    e);
        }

        CompletableFuture<DemoHandshake> ready = new CompletableFuture<>();
        ChildOutput errorOutput = ChildOutput.follow(
                "demo-target", process.getErrorStream(), ERROR_TAIL_LINES, System.err, line -> {}, () -> {});
        ChildOutput.follow(
                "demo-target-out",
                process.getInputStream(),
                ERROR_TAIL_LINES,
                null,
                line -> DemoHandshake.parse(line).ifPresent(ready::complete),
                () -> ready.completeExceptionally(new IllegalStateException("the demo target closed its output")));

        try {
            DemoHandshake handshake = ready.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            if (handshake.pid() != process.pid()) {
                throw failure(
                        process, errorOutput, "reported pid " + handshake.pid() + " but runs as " + process.pid());
            }
            return new DemoTarget(process, handshake, errorOutput);
        } catch (TimeoutException e) {
            throw failure(process, errorOutput, "was not ready within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw failure(process, errorOutput, "ended before it was ready");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(process, errorOutput, "was interrupted while starting");
        }
    }

    private List<String> command() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add(MAXIMUM_HEAP);
        command.add("-XX:+UseG1GC");
        command.add("-Djava.rmi.server.hostname=127.0.0.1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClassName);
        return command;
    }

    /** Ends the child and builds the message: what happened, the exit code if any, its last words on stderr. */
    private static DemoLaunchException failure(Process process, ChildOutput errorOutput, String what) {
        DemoTarget.end(process);
        errorOutput.awaitEnd(EXIT_OUTPUT_WAIT_MILLIS);
        StringBuilder message = new StringBuilder("The demo target (pid ")
                .append(process.pid())
                .append(") ")
                .append(what);
        if (!process.isAlive()) {
            message.append(", exit code ").append(process.exitValue());
        }
        List<String> lastLines = errorOutput.lastLines();
        if (lastLines.isEmpty()) {
            message.append(". It wrote nothing to stderr.");
        } else {
            message.append(". Its last lines on stderr:");
            lastLines.forEach(
                    line -> message.append(System.lineSeparator()).append("  ").append(line));
        }
        return new DemoLaunchException(message.toString(), process.pid());
    }
}
