package dev.streamscope.app.ui.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryUsageSample;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.sample.ThreadSample;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.session.TargetStatus;
import dev.streamscope.app.session.TargetTick;
import dev.streamscope.app.ui.TaskRunner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SessionHandoffTest {

    /** Stands in for the FX thread: UI work waits in a queue until the test runs it, as Platform.runLater would. */
    private static final class QueuedUiThread implements TaskRunner {
        final Deque<Runnable> queued = new ArrayDeque<>();

        @Override
        public <T> void background(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void onUiThread(Runnable action) {
            queued.add(action);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
        }
    }

    private final QueuedUiThread ui = new QueuedUiThread();
    private final List<List<TargetTick>> batches = new ArrayList<>();
    private final List<TargetStatus> statuses = new ArrayList<>();
    private final SessionHandoff handoff = new SessionHandoff(ui, batch -> {
        batches.add(batch.ticks());
        statuses.add(batch.status());
    });

    @Test
    void ticksArrivingWhileTheUiIsBusyAreHandedOverInOnePiece() {
        for (int i = 0; i < 5; i++) {
            handoff.onTick(tick(i));
        }

        assertThat(ui.queued).hasSize(1);
        ui.runAll();

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0))
                .extracting(tick -> tick.sample().epochMillis())
                .containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void onlyTheLatestStatusIsDelivered() {
        handoff.onStatus(TargetStatus.of(TargetState.CONNECTING, "connecting"));
        handoff.onStatus(TargetStatus.of(TargetState.CONNECTED, "connected"));
        ui.runAll();

        assertThat(statuses).extracting(TargetStatus::state).containsExactly(TargetState.CONNECTED);
        assertThat(batches.get(0)).isEmpty();
    }

    @Test
    void aNewTickAfterDeliverySchedulesANewHandoff() {
        handoff.onTick(tick(1));
        ui.runAll();
        handoff.onTick(tick(2));
        ui.runAll();

        assertThat(batches).hasSize(2);
    }

    @Test
    void aStalledUiKeepsOnlyTheNewestHourOfTicks() {
        for (int i = 0; i < 4000; i++) {
            handoff.onTick(tick(i));
        }
        ui.runAll();

        assertThat(batches.get(0)).hasSize(3600);
        assertThat(batches.get(0).get(3599).sample().epochMillis()).isEqualTo(3999L);
    }

    private static TargetTick tick(long epochMillis) {
        MemoryUsageSample usage = new MemoryUsageSample(1, 2, 3);
        JvmSample sample = new JvmSample(
                epochMillis,
                0,
                usage,
                usage,
                List.of(),
                new ThreadSample(1, 1, 1),
                Double.NaN,
                Double.NaN,
                List.of(),
                List.of(),
                PollCost.UNKNOWN);
        return new TargetTick(new JvmIdentity("1@host", "vm", "vendor", "17", 0), sample, List.of(), false, null);
    }
}
