package dev.streamscope.app.target;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a blocking remote call with a deadline. JMX over RMI has no call timeout of its own: a peer that accepts the TCP
 * connection and never answers blocks the calling thread until the socket's read timeout, if any. So the call runs on
 * a daemon I/O thread and the caller waits at most the deadline; the stuck thread is freed later by the socket timeout
 * or by closing the connection.
 */
public final class CallDeadline implements AutoCloseable {

    /** A remote call that may throw anything; the caller maps failures at the edge. */
    @FunctionalInterface
    public interface RemoteCall<T> {
        T call() throws Exception;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService io;

    public CallDeadline(String name) {
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "streamscope-io-" + name + "-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.io = Executors.newCachedThreadPool(factory);
    }

    /**
     * Runs {@code call} and waits at most {@code deadline} for it.
     *
     * @throws TimeoutException when the deadline passed; the call may still be running and its result is dropped
     * @throws ExecutionException with the call's own failure as cause
     * @throws InterruptedException when the waiting thread was interrupted (the session is stopping)
     */
    public <T> T run(Duration deadline, RemoteCall<T> call)
            throws TimeoutException, ExecutionException, InterruptedException {
        Callable<T> task = call::call;
        Future<T> future = io.submit(task);
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
