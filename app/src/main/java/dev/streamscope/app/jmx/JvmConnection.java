package dev.streamscope.app.jmx;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramParser;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An open JMX connection to one JVM. Owned by one {@code TargetSession}; its methods are called from that session's
 * poller thread only, except {@link #close()}, which may be called from any thread and unblocks a call in flight.
 */
public interface JvmConnection extends AutoCloseable {

    JvmIdentity identity();

    /**
     * How the connection was routed, when the user should know: for example sent through the tunnel given instead
     * of the host the JVM's RMI stub names. Empty when it went where the JVM said.
     */
    default Optional<String> routeNote() {
        return Optional.empty();
    }

    /**
     * What this transport cannot see that the user should know of, said once when connected (over Jolokia: GC pauses
     * come from polling); empty when nothing is lost.
     */
    default Optional<String> limits() {
        return Optional.empty();
    }

    /**
     * Reads one tick: each MBean's attributes in one {@code getAttributes} call, each call under the call deadline.
     *
     * @throws TargetProblem with {@link TargetProblem.Kind#TIMEOUT} when a call overran its deadline, or
     *     {@link TargetProblem.Kind#CONNECTION_LOST} when the connection broke
     */
    JvmSample sample() throws TargetProblem;

    /**
     * Reads the StreamScope jmx-bridge, if the target carries one: its counters, its {@code oldestLimit} oldest open
     * streams and how many are overdue under {@code policy}. Each call under the call deadline; a few round trips
     * whatever the number of open streams (see {@link BridgeStreams#roundTrips()}).
     *
     * @return empty when the target has no bridge (not a problem: use the channelz bounds instead)
     * @throws TargetProblem as {@link #sample()}
     */
    Optional<BridgeStreams> readStreams(int oldestLimit, LifetimePolicy policy) throws TargetProblem;

    /**
     * Takes a class histogram through the DiagnosticCommand MBean ({@code gcClassHistogram}). The caller (the
     * session's poller or a background task, never the UI thread) waits at most {@code deadline}: seconds on a big
     * heap, more in {@link HistogramMode#LIVE}, which runs a full GC of the target first. The call runs on an I/O
     * thread of its own, so it neither delays nor is timed out by the ticks' calls. The reply is parsed into the {@link
     * HistogramParser#DEFAULT_ROW_LIMIT} largest classes plus the gRPC stream classes.
     *
     * @throws TargetProblem with a message that says what to do when the target has no such MBean, the JMX user may
     *     not invoke operations, or the deadline passed; as {@link #sample()} when the connection broke
     */
    HeapHistogram classHistogram(HistogramMode mode, Duration deadline) throws TargetProblem;

    /**
     * Dumps every thread through the Threading MBean, as {@code dumpAllThreads} would but in batches ({@code
     * AllThreadIds}, then {@code getThreadInfo} for 100 threads at a time, with locked monitors and synchronizers where
     * the target allows, else without: one reply of a thousand deep stacks is more than the deserialization guard
     * admits) and asks it for deadlocks ({@code findDeadlockedThreads}). Each call
     * waits at most {@code deadline} on an I/O thread of its own, like {@link #classHistogram}, so ticks go on. The
     * caller is the session's side thread, never the poller or the UI thread.
     *
     * @throws TargetProblem that says what to do when the JMX user may not read the Threading MBean or the deadline
     *     passed; as {@link #sample()} when the connection broke
     */
    default ThreadDump threadDump(Duration deadline) throws TargetProblem {
        throw new TargetProblem(TargetProblem.Kind.OTHER, "This connection cannot take thread dumps.");
    }

    /**
     * Subscribes to GC notifications of every collector. The sink is called on a JMX notification thread, once per
     * collection, with the event already mapped.
     */
    void subscribeGc(Consumer<GcEvent> sink) throws TargetProblem;

    /** Called once, from any thread, when the connector reports the connection failed or closed under us. */
    void onLost(Consumer<TargetProblem> listener);

    /** Closes the connection; never throws, never blocks longer than a short deadline. */
    @Override
    void close();
}
