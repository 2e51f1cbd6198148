package dev.streamscope.app.ui.target;

import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.live.RecordingView;
import dev.streamscope.app.ui.TaskRunner;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Takes a recording's views on its recording thread and hands them to the UI thread: at most one hand-off is pending,
 * and it carries the newest view, so a busy UI catches up in one step. Each view is whole, so skipping one loses
 * nothing: the recording, not the UI, keeps the history. May be called from any thread.
 */
final class ViewHandoff implements LiveRecording.Listener {

    private final TaskRunner runner;
    private final Consumer<RecordingView> uiSink;
    private final AtomicReference<RecordingView> pending = new AtomicReference<>();

    /** @param uiSink gets each delivered view on the UI thread */
    ViewHandoff(TaskRunner runner, Consumer<RecordingView> uiSink) {
        this.runner = runner;
        this.uiSink = uiSink;
    }

    @Override
    public void onView(RecordingView view) {
        if (pending.getAndSet(view) == null) {
            runner.onUiThread(this::deliver);
        }
    }

    private void deliver() {
        RecordingView view = pending.getAndSet(null);
        if (view != null) {
            uiSink.accept(view);
        }
    }
}
