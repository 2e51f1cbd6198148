package dev.streamscope.app.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where view models send work that must not run on the FX thread, and how results come back to it. The window uses
 * {@link FxTaskRunner}; view-model tests use a same-thread runner and need no toolkit.
 */
public interface TaskRunner {

    /** Runs {@code work} off the UI thread; exactly one of the callbacks then runs on the UI thread. */
    <T> void background(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure);

    /** Runs {@code action} on the UI thread: later when called from elsewhere. */
    void onUiThread(Runnable action);
}
