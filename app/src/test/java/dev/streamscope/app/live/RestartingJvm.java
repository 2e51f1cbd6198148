package dev.streamscope.app.live;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramRow;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.transport.JvmTarget;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.series.TestSamples;
import dev.streamscope.app.session.JvmConnector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A JVM that answers a few polls, drops the connection, and answers again as a new process (another start time): a
 * pod restarted mid-recording. Fake because a real restart takes seconds of a child JVM for what a few lines prove;
 * the session, the recording and the files it writes are the real ones.
 */
public final class RestartingJvm implements JvmConnector {

    private final int pollsBeforeLoss;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger histograms = new AtomicInteger();

    /** @param pollsBeforeLoss how many polls the first process answers before its connection breaks */
    public RestartingJvm(int pollsBeforeLoss) {
        this.pollsBeforeLoss = pollsBeforeLoss;
    }

    /** How many times a connection was opened. */
    public int connections() {
        return connections.get();
    }

    @Override
    public JvmConnection connect(JvmTarget target, Timeouts timeouts) {
        return new Process(connections.incrementAndGet());
    }

    private final class Process implements JvmConnection {
        private final int generation;
        private final AtomicInteger polls = new AtomicInteger();

        Process(int generation) {
            this.generation = generation;
        }

        @Override
        public JvmIdentity identity() {
            return new JvmIdentity(
                    (4000 + generation) + "@pod", "OpenJDK 64-Bit Server VM", "Debian", "17.0.15", 1_000L * generation);
        }

        @Override
        public JvmSample sample() throws TargetProblem {
            if (generation == 1 && polls.get() >= pollsBeforeLoss) {
                throw new TargetProblem(TargetProblem.Kind.CONNECTION_LOST, "The connection to pod was lost.");
            }
            return TestSamples.g1(System.currentTimeMillis(), 100 + polls.incrementAndGet());
        }

        @Override
        public Optional<BridgeStreams> readStreams(int oldestLimit, LifetimePolicy policy) {
            return Optional.empty();
        }

        /** A heap that holds one more gRPC call each time it is asked. */
        @Override
        public HeapHistogram classHistogram(HistogramMode mode, Duration deadline) {
            int calls = histograms.incrementAndGet();
            List<HistogramRow> rows = List.of(
                    new HistogramRow("byte[]", 1_000, 64_000),
                    new HistogramRow("io.grpc.internal.ServerCallImpl", calls, 48L * calls));
            return new HeapHistogram(
                    Instant.now(), mode, rows, rows.subList(1, 2), 2, 1_000 + calls, 64_000 + 48L * calls);
        }

        @Override
        public void subscribeGc(Consumer<GcEvent> sink) {}

        @Override
        public void onLost(Consumer<TargetProblem> listener) {}

        @Override
        public void close() {}
    }
}
