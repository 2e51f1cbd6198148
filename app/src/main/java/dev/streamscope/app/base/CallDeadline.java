package dev.streamscope.app.base;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs blocking remote calls on an I/O thread of its own and waits for each at most its deadline. RMI and many
 * socket reads ignore interrupts, so a call that overran is abandoned (its daemon thread is left to die with its
 * socket) and the next call gets a fresh thread instead of queueing behind the stuck one.
 */
public final class CallDeadline implements AutoCloseable {

    private final String threadName;
    private ExecutorService executor;
    private boolean closed;
    private Future<?> inFlight;

    public CallDeadline(String threadName) {
        this.threadName = threadName;
        this.executor = newExecutor();
    }

    /**
     * Runs {@code call} and returns its result.
     *
     * @param what what the call does, for messages ("reading java.lang:type=Memory")
     * @throws TargetProblem {@link TargetProblem.Kind#TIMEOUT} when the deadline passed, {@link
     *     TargetProblem.Kind#CONNECTION_LOST} on an {@link IOException} or when closed, a {@link TargetProblem} the
     *     call threw itself, or {@link TargetProblem.Kind#UNEXPECTED} for anything else
     */
    public <T> T call(String what, Duration deadline, Callable<T> call) throws TargetProblem {
        Future<T> future;
        synchronized (this) {
            if (closed) {
                throw new TargetProblem(TargetProblem.Kind.CONNECTION_LOST, "The connection is closed (" + what + ")");
            }
            try {
                future = executor.submit(call);
                inFlight = future;
            } catch (RejectedExecutionException closedMeanwhile) {
                throw new TargetProblem(TargetProblem.Kind.CONNECTION_LOST, "The connection is closed (" + what + ")");
            }
        }
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException timeout) {
            future.cancel(true);
            replaceStuckThread();
            throw new TargetProblem(
                    TargetProblem.Kind.TIMEOUT,
                    "No answer within " + deadline.toMillis() + " ms while " + what
                            + "; the target may be overloaded, paused or unreachable");
        } catch (InterruptedException interrupted) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TargetProblem(TargetProblem.Kind.CONNECTION_LOST, "Interrupted while " + what, interrupted);
        } catch (ExecutionException failed) {
            throw translate(what, failed.getCause());
        } catch (CancellationException cancelledByClose) {
            throw new TargetProblem(TargetProblem.Kind.CONNECTION_LOST, "The connection closed while " + what);
        }
    }

    /**
     * Runs {@code call} like {@link #call}, but leaves the failures to the caller, for edges that classify them
     * themselves (connecting maps every failure to a specific {@link TargetProblem}).
     *
     * @throws TimeoutException when the deadline passed; the stuck thread is abandoned
     * @throws ExecutionException with the call's own failure as cause
     * @throws InterruptedException when the waiting thread was interrupted (the user cancelled)
     */
    public <T> T run(Duration deadline, Callable<T> call)
            throws TimeoutException, ExecutionException, InterruptedException {
        Future<T> future;
        synchronized (this) {
            if (closed) {
                throw new ExecutionException(new IOException("the connection is closed"));
            }
            future = executor.submit(call);
            inFlight = future;
        }
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException timeout) {
            future.cancel(true);
            replaceStuckThread();
            throw timeout;
        } catch (InterruptedException interrupted) {
            future.cancel(true);
            throw interrupted;
        } catch (CancellationException cancelledByClose) {
            throw new ExecutionException(new IOException("the connection closed"));
        }
    }

    private static TargetProblem translate(String what, Throwable cause) {
        if (cause instanceof TargetProblem problem) {
            return problem;
        }
        if (cause instanceof IOException) {
            return new TargetProblem(
                    TargetProblem.Kind.CONNECTION_LOST, "Lost the connection while " + what + ": " + cause, cause);
        }
        return new TargetProblem(TargetProblem.Kind.OTHER, "Unexpected failure while " + what + ": " + cause, cause);
    }

    private synchronized void replaceStuckThread() {
        executor.shutdownNow();
        if (!closed) {
            executor = newExecutor();
        }
    }

    private ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops the I/O thread and releases a caller waiting for a call in flight, who gets CONNECTION_LOST. */
    @Override
    public synchronized void close() {
        closed = true;
        if (inFlight != null) {
            inFlight.cancel(true);
        }
        executor.shutdownNow();
    }
}
