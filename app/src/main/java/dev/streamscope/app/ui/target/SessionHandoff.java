package dev.streamscope.app.ui.target;

import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.SessionListener;
import dev.streamscope.app.session.TargetStatus;
import dev.streamscope.app.session.TargetTick;
import dev.streamscope.app.ui.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Takes a session's output on its poller thread and hands it to the UI thread: at most one hand-off is pending at a
 * time, and it carries every tick that arrived meanwhile, so a busy UI catches up in one step instead of queueing one
 * runnable per tick. May be called from any thread.
 */
final class SessionHandoff implements SessionListener {

    /** An hour at 1 s; a UI stalled longer than that loses the oldest ticks rather than the process's memory. */
    private static final int MAX_PENDING = 3600;

    private final TaskRunner runner;
    private final Consumer<Batch> uiSink;
    private final BlockingQueue<TargetTick> ticks = new ArrayBlockingQueue<>(MAX_PENDING);
    private final BlockingQueue<ChannelzUpdate> channelzUpdates = new ArrayBlockingQueue<>(MAX_PENDING);
    private final AtomicReference<TargetStatus> status = new AtomicReference<>();
    private final AtomicBoolean handoffPending = new AtomicBoolean();

    /**
     * What one hand-off carries.
     *
     * @param ticks in arrival order
     * @param status the latest status, or {@code null} when it did not change
     * @param channelz channelz refresh outcomes in arrival order
     */
    record Batch(List<TargetTick> ticks, TargetStatus status, List<ChannelzUpdate> channelz) {}

    /** @param uiSink gets each batch on the UI thread */
    SessionHandoff(TaskRunner runner, Consumer<Batch> uiSink) {
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
        addDroppingOldest(ticks, tick);
        scheduleHandoff();
    }

    @Override
    public void onChannelz(ChannelzUpdate update) {
        addDroppingOldest(channelzUpdates, update);
        scheduleHandoff();
    }

    /** Makes room by dropping the oldest; loops only if another thread took the freed place first. */
    private static <T> void addDroppingOldest(BlockingQueue<T> queue, T item) {
        while (!queue.offer(item)) {
            queue.poll();
        }
    }

    private void scheduleHandoff() {
        if (handoffPending.compareAndSet(false, true)) {
            runner.onUiThread(this::deliver);
        }
    }

    private void deliver() {
        handoffPending.set(false);
        List<TargetTick> batch = new ArrayList<>();
        ticks.drainTo(batch);
        List<ChannelzUpdate> refreshes = new ArrayList<>();
        channelzUpdates.drainTo(refreshes);
        TargetStatus latest = status.getAndSet(null);
        if (!batch.isEmpty() || latest != null || !refreshes.isEmpty()) {
            uiSink.accept(new Batch(batch, latest, refreshes));
        }
    }
}
