package dev.streamscope.app.jmx;

import dev.streamscope.app.target.TargetProblem;
import java.util.function.Consumer;

/**
 * An open JMX connection to one JVM. Owned by one {@code TargetSession}; its methods are called from that session's
 * poller thread only, except {@link #close()}, which may be called from any thread and unblocks a call in flight.
 */
public interface JvmConnection extends AutoCloseable {

    JvmIdentity identity();

    /**
     * Reads one tick: each MBean's attributes in one {@code getAttributes} call, each call under the call deadline.
     *
     * @throws TargetProblem with {@link TargetProblem.Kind#TIMEOUT} when a call overran its deadline, or
     *     {@link TargetProblem.Kind#CONNECTION_LOST} when the connection broke
     */
    JvmSample sample() throws TargetProblem;

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
