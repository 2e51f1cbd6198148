package dev.streamscope.app.session;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.channelz.ChannelzClient;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.channelz.ChannelzWalkSettings;
import dev.streamscope.app.channelz.ChannelzWalker;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A session's channelz side. Refreshes run asynchronously on gRPC's threads, so the poller thread only starts them:
 * a slow or failing channelz never delays the JVM poll of the same target, and a refresh still running when the next
 * tick comes makes that tick skip channelz instead of piling walks up. Called from the poller thread; the sink is
 * called from gRPC's threads.
 */
final class ChannelzPoller implements AutoCloseable {

    private final ChannelzTarget target;
    private final Timeouts timeouts;
    private final ChannelzWalkSettings settings;
    private final Consumer<ChannelzUpdate> sink;
    private ChannelzClient client;
    private ChannelzWalker walker;
    private CompletableFuture<ChannelzSnapshot> inFlight;

    /** @param settings how each refresh walks; sessions take the RPCs in flight from the target */
    ChannelzPoller(
            ChannelzTarget target, Timeouts timeouts, ChannelzWalkSettings settings, Consumer<ChannelzUpdate> sink) {
        this.target = target;
        this.timeouts = timeouts;
        this.settings = settings;
        this.sink = sink;
    }

    /** Starts a refresh unless one is still running; its outcome reaches the sink. */
    void poll() {
        if (inFlight != null && !inFlight.isDone()) {
            return;
        }
        try {
            open();
        } catch (TargetProblem problem) {
            sink.accept(new ChannelzUpdate(Instant.now(), null, problem));
            return;
        }
        CompletableFuture<ChannelzSnapshot> refresh = walker.refreshAsync();
        inFlight = refresh;
        refresh.whenComplete((snapshot, failure) -> sink.accept(
                snapshot != null
                        ? new ChannelzUpdate(snapshot.takenAt(), snapshot, null)
                        : new ChannelzUpdate(Instant.now(), null, problemOf(failure))));
    }

    /** One refresh, waited for: how a channelz-only target proves it is reachable before it counts as connected. */
    ChannelzSnapshot refreshNow() throws TargetProblem, InterruptedException {
        open();
        return walker.refresh();
    }

    @Override
    public void close() {
        if (inFlight != null) {
            inFlight.cancel(true);
        }
        if (client != null) {
            client.close();
        }
    }

    private void open() throws TargetProblem {
        if (client == null) {
            client = ChannelzClient.open(target, timeouts);
            walker = new ChannelzWalker(client, settings);
        }
    }

    private TargetProblem problemOf(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TargetProblem problem) {
            return problem;
        }
        return new TargetProblem(
                TargetProblem.Kind.OTHER,
                "Reading channelz from " + target.address().authority() + " failed: " + cause,
                cause);
    }
}
