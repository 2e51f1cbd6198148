package dev.streamscope.app.ui.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.threads.StackFrame;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.jmx.threads.ThreadRecord;
import dev.streamscope.app.threads.ThreadAnalysis;
import dev.streamscope.app.threads.ThreadReport;
import dev.streamscope.app.ui.SameThreadTasks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.junit.jupiter.api.Test;

/** The page's view model with a same-thread runner: no toolkit, no target. */
class ThreadsViewModelTest {

    private final List<Boolean> sampling = new ArrayList<>();

    private ThreadsViewModel model(String unavailable) {
        return new ThreadsViewModel(
                new ReadOnlyStringWrapper("pod:9010").getReadOnlyProperty(),
                new ThreadsViewModel.Sampler() {
                    @Override
                    public void setSampling(boolean on) {
                        sampling.add(on);
                    }

                    @Override
                    public CompletableFuture<?> sampleNow() {
                        return CompletableFuture.completedFuture(null);
                    }
                },
                SameThreadTasks.INSTANCE,
                unavailable,
                null);
    }

    private static ThreadReport blockedLoopAfterThreeDumps() {
        ThreadRecord loop = ThreadRecord.of(
                7,
                "grpc-nio-worker-ELG-1-2",
                Thread.State.TIMED_WAITING,
                List.of(
                        new StackFrame("java.lang.Thread", "sleep", null, -1, true),
                        new StackFrame("com.example.Handler", "sayHello", "Handler.java", 42, false),
                        new StackFrame("io.netty.channel.nio.NioEventLoop", "run", "NioEventLoop.java", 1, false)));
        ThreadAnalysis analysis = new ThreadAnalysis();
        ThreadReport report = null;
        for (int i = 0; i < 3; i++) {
            report = analysis.apply(
                    ThreadDump.of(Instant.parse("2026-12-07T05:00:00Z").plusSeconds(5L * i), List.of(loop)));
        }
        return report;
    }

    @Test
    void samplesOnlyWhileShown() {
        ThreadsViewModel model = model(null);

        model.show();
        model.shownProperty().set(false);

        assertThat(sampling).containsExactly(true, false);
    }

    @Test
    void aChannelzOnlyTargetNeverSamples() {
        ThreadsViewModel model = model("channelz only: thread dumps need the JVM over JMX");

        model.show();
        model.dumpNow();

        assertThat(sampling).isEmpty();
        assertThat(model.hasPage()).isFalse();
        assertThat(ThreadsViewModel.menuText(model)).contains("channelz only");
    }

    @Test
    void aReportShowsItsFindingPoolsAndTheSelectedStack() {
        ThreadsViewModel model = model(null);

        model.show(blockedLoopAfterThreeDumps());

        assertThat(model.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.title()).isEqualTo("Blocked event loop");
            assertThat(finding.frame()).isEqualTo("com.example.Handler.sayHello(Handler.java:42)");
            assertThat(finding.seen()).startsWith("Since ");
        });
        assertThat(model.groups()).singleElement().satisfies(group -> {
            assertThat(group.pool()).isEqualTo("grpc-nio-worker-ELG-1-*");
            assertThat(group.kind()).isEqualTo("event loop");
            assertThat(group.states()).isEqualTo("1 TIMED_WAITING");
            assertThat(group.busy()).isEqualTo("1 of 1 busy");
        });
        assertThat(model.statusProperty().get()).contains("1 threads in 1 pools · 3 dumps");

        model.select(model.findings().get(0));

        assertThat(model.stackProperty().get())
                .startsWith("\"grpc-nio-worker-ELG-1-2\" #7\n")
                .contains("\tat com.example.Handler.sayHello(Handler.java:42)\n");
        assertThat(model.dumpFileName())
                .startsWith("threads-pod_9010-2026-12-07")
                .endsWith(".txt");
    }

    @Test
    void aFailedDumpIsSaidUntilOneSucceeds() {
        ThreadsViewModel model = model(null);

        model.showProblem("No answer within 20000 ms while dumping threads");

        assertThat(model.messageProperty().get())
                .isEqualTo("The last thread dump failed: No answer within 20000 ms while dumping threads");

        model.showProblem(null);

        assertThat(model.messageProperty().get()).isEmpty();
    }
}
