package dev.streamscope.app.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drains one output stream of the child on a daemon thread, so the child never blocks on a full pipe. Each line is
 * handed to a listener, forwarded to the parent's stream with a prefix, and the last few are kept for error messages.
 */
final class ChildOutput {

    private final String name;
    private final InputStream input;
    private final int tailLines;
    private final PrintStream forwardTo;
    private final Consumer<String> onLine;
    private final Runnable onEnd;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread reader;

    private ChildOutput(
            String name,
            InputStream input,
            int tailLines,
            PrintStream forwardTo,
            Consumer<String> onLine,
            Runnable onEnd) {
        this.name = name;
        this.input = input;
        this.tailLines = tailLines;
        this.forwardTo = forwardTo;
        this.onLine = onLine;
        this.onEnd = onEnd;
        this.reader = new Thread(this::drain, "streamscope-" + name);
        this.reader.setDaemon(true);
    }

    /**
     * Starts draining {@code input}.
     *
     * @param forwardTo where lines go, prefixed with the name; {@code null} to keep them only in the tail
     * @param onLine sees every line, on the reader thread
     * @param onEnd runs once the stream ends (the child exited or closed it)
     */
    static ChildOutput follow(
            String name,
            InputStream input,
            int tailLines,
            PrintStream forwardTo,
            Consumer<String> onLine,
            Runnable onEnd) {
        ChildOutput output = new ChildOutput(name, input, tailLines, forwardTo, onLine, onEnd);
        output.reader.start();
        return output;
    }

    private void drain() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                keep(line);
                if (forwardTo != null) {
                    forwardTo.println("[" + name + "] " + line);
                }
                onLine.accept(line);
            }
        } catch (IOException closed) {
            // the child was destroyed while we read; what we have is all there is
        } finally {
            onEnd.run();
        }
    }

    private synchronized void keep(String line) {
        if (tail.size() == tailLines) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** The last lines read, oldest first. */
    synchronized List<String> lastLines() {
        return List.copyOf(tail);
    }

    /** Waits a little for the reader to reach the end, so an exited child's last words are in the tail. */
    void awaitEnd(long millis) {
        try {
            reader.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
