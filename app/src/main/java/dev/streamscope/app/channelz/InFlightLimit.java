package dev.streamscope.app.channelz;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Starts asynchronous calls, at most {@code max} at a time, in the order asked; the rest wait in a queue. Nothing
 * blocks: a finished call starts the next waiting one. Once {@code stopped} says so, waiting calls are dropped
 * (cancelled) instead of started, so a failed or timed-out walk sends nothing more.
 */
final class InFlightLimit {

    /** A waiting call; {@link #start()} says whether it is now running (and will free its slot when done). */
    private interface Pending {
        boolean start();
    }

    private final int max;
    private final BooleanSupplier stopped;
    private final Queue<Pending> waiting = new ArrayDeque<>();
    private int running;
    private int peak;

    InFlightLimit(int max, BooleanSupplier stopped) {
        this.max = max;
        this.stopped = stopped;
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Pending pending = () -> {
            if (stopped.getAsBoolean()) {
                result.completeExceptionally(new CancellationException("the walk has ended"));
                return false;
            }
            CompletableFuture<T> inFlight;
            try {
                inFlight = call.get();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return false;
            }
            inFlight.whenComplete((value, failure) -> {
                // free the slot before the result's continuations run: they usually submit more calls
                finished();
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
            return true;
        };
        boolean startNow;
        synchronized (this) {
            startNow = running < max;
            if (startNow) {
                running++;
                peak = Math.max(peak, running);
            } else {
                waiting.add(pending);
            }
        }
        if (startNow && !pending.start()) {
            finished();
        }
        return result;
    }

    /** The most calls that ran at once. */
    synchronized int peak() {
        return peak;
    }

    /** Hands the freed slot to the next waiting call; a loop, not recursion, so a long queue of drops is safe. */
    private void finished() {
        while (true) {
            Pending next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    running--;
                    return;
                }
            }
            if (next.start()) {
                return;
            }
        }
    }
}
