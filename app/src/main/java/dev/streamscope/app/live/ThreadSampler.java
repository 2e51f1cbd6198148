package dev.streamscope.app.live;

import dev.streamscope.app.live.LiveRecording.ThreadSampling;
import dev.streamscope.app.threads.ThreadReport;
import dev.streamscope.app.threads.ThreadRules;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A live recording's thread sampling: a dump every {@link ThreadRules#SAMPLE_INTERVAL}, the next starting after the
 * last ends, while anyone wants them. One loop at most; every method returns at once, from any thread.
 */
final class ThreadSampler {

    private final Supplier<CompletableFuture<ThreadReport>> dump;
    private final Runnable problemChanged;
    private final Set<ThreadSampling> wanted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean looping = new AtomicBoolean();
    private volatile String problem;

    /**
     * @param dump takes one dump and records it
     * @param problemChanged called when dumps start or stop failing, so a view says so (a dump publishes its own)
     */
    ThreadSampler(Supplier<CompletableFuture<ThreadReport>> dump, Runnable problemChanged) {
        this.dump = dump;
        this.problemChanged = problemChanged;
    }

    void want(ThreadSampling who, boolean on) {
        if (on) {
            wanted.add(who);
        } else {
            wanted.remove(who);
        }
        if (on && looping.compareAndSet(false, true)) {
            loop();
        }
    }

    void stop() {
        wanted.clear();
    }

    /** Why the latest dump failed, or null when it succeeded. */
    String problem() {
        return problem;
    }

    private void loop() {
        if (wanted.isEmpty()) {
            looping.set(false);
            if (!wanted.isEmpty() && looping.compareAndSet(false, true)) {
                loop(); // wanted again meanwhile
            }
            return;
        }
        dump.get().whenComplete((report, failure) -> {
            String now = failure == null
                    ? null
                    : failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
            if (!Objects.equals(now, problem)) {
                problem = now;
                problemChanged.run();
            }
            CompletableFuture.delayedExecutor(ThreadRules.SAMPLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(this::loop);
        });
    }
}
