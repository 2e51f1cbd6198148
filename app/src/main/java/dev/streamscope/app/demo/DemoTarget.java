package dev.streamscope.app.demo;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A running demo child, reachable like any remote target at {@link #jmxAddress()} and {@link #channelzAddress()}.
 * Closing it ends the child: first politely (end of stdin, which the child watches), then by signal, then by force.
 */
public final class DemoTarget implements AutoCloseable {

    private static final long POLITE_WAIT_MILLIS = 3_000;
    private static final long SIGNAL_WAIT_MILLIS = 2_000;

    private final Process process;
    private final DemoHandshake handshake;
    private final ChildOutput errorOutput;
    private boolean closed;

    DemoTarget(Process process, DemoHandshake handshake, ChildOutput errorOutput) {
        this.process = process;
        this.handshake = handshake;
        this.errorOutput = errorOutput;
    }

    /** {@code 127.0.0.1:port} of the child's RMI registry. */
    public String jmxAddress() {
        return handshake.jmxAddress();
    }

    /** The JMX service URL for {@link #jmxAddress()}. */
    public String jmxServiceUrl() {
        return "service:jmx:rmi:///jndi/rmi://" + handshake.jmxAddress() + "/jmxrmi";
    }

    /** {@code 127.0.0.1:port} of the child's gRPC server, which serves channelz. */
    public String channelzAddress() {
        return handshake.channelzAddress();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child's exit code once it has ended; empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** The child's last lines on stderr, oldest first: what to show when it died. */
    public List<String> recentErrorOutput() {
        return errorOutput.lastLines();
    }

    /** Closes the child's stdin, as the parent's death would; the child then exits by itself. */
    void endInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // the pipe is gone, which is what we wanted
        }
    }

    /** Ends the child and waits for it, at most a few seconds. Safe to call more than once and from any thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        end(process);
    }

    /** Closes the child's stdin and waits for it to go; then asks it by signal; then kills it. */
    static void end(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // the pipe is gone, which is what we wanted
        }
        try {
            if (process.waitFor(POLITE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
            process.destroy();
            if (process.waitFor(SIGNAL_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
            process.destroyForcibly();
            process.waitFor(SIGNAL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DemoTarget[pid=" + pid() + ", jmx=" + jmxAddress() + ", channelz=" + channelzAddress() + "]";
    }
}
