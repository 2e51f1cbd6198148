package dev.streamscope.app.ui;

import dev.streamscope.app.target.SessionListener;
import dev.streamscope.app.target.TargetStatus;
import dev.streamscope.app.target.TargetTick;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Takes a session's output on its poller thread and hands it to the UI thread: at most one hand-off is pending at a
 * time, and it carries every tick that arrived meanwhile, so a busy UI catches up in one step instead of queueing one
 * runnable per tick. May be called from any thread.
 */
final class SessionHandoff implements SessionListener {

    /** An hour at 1 s; a UI stalled longer than that loses the oldest ticks rather than the process's memory. */
    private static final int MAX_PENDING_TICKS = 3600;

    private final TaskRunner runner;
    private final BiConsumer<List<TargetTick>, TargetStatus> uiSink;
    private final ConcurrentLinkedQueue<TargetTick> ticks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingTicks = new AtomicInteger();
    private final AtomicReference<TargetStatus> status = new AtomicReference<>();
    private final AtomicBoolean handoffPending = new AtomicBoolean();

    /** @param uiSink gets the ticks in arrival order and the latest status (or null if unchanged), on the UI thread */
    SessionHandoff(TaskRunner runner, BiConsumer<List<TargetTick>, TargetStatus> uiSink) {
        this.runner = runner;
        this.uiSink = uiSink;
    }

    @Override
    public void onStatus(TargetStatus newStatus) {
        status.set(newStatus);
        scheduleHandoff();
    }

    @Override
    public void onTick(TargetTick tick) {
        ticks.add(tick);
        if (pendingTicks.incrementAndGet() > MAX_PENDING_TICKS && ticks.poll() != null) {
            pendingTicks.decrementAndGet();
        }
        scheduleHandoff();
    }

    private void scheduleHandoff() {
        if (handoffPending.compareAndSet(false, true)) {
            runner.onUiThread(this::deliver);
        }
    }

    private void deliver() {
        handoffPending.set(false);
        List<TargetTick> batch = new ArrayList<>();
        for (TargetTick tick; (tick = ticks.poll()) != null; ) {
            pendingTicks.decrementAndGet();
            batch.add(tick);
        }
        TargetStatus latest = status.getAndSet(null);
        if (!batch.isEmpty() || latest != null) {
            uiSink.accept(batch, latest);
        }
    }
}
