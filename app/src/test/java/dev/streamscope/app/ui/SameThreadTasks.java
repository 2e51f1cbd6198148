package dev.streamscope.app.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs everything at once on the calling thread, so view-model tests need no toolkit. */
public final class SameThreadTasks implements TaskRunner {

    public static final TaskRunner INSTANCE = new SameThreadTasks();

    private SameThreadTasks() {}

    @Override
    public <T> void background(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        try {
            onSuccess.accept(work.call());
        } catch (Exception e) {
            onFailure.accept(e);
        }
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }
}
