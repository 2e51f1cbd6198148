package dev.streamscope.app.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.threads.StackFrame;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.jmx.threads.ThreadRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules on dumps built by hand: each finding, and each case that must not be one. */
class ThreadAnalysisTest {

    private static final Instant START = Instant.parse("2026-12-07T05:00:00Z");
    private static final String SHADED = "io.grpc.netty.shaded.";

    private static StackFrame frame(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return new StackFrame(qualified.substring(0, dot), qualified.substring(dot + 1), "X.java", 1, false);
    }

    private static List<StackFrame> stack(String... frames) {
        List<StackFrame> stack = new ArrayList<>();
        for (String frame : frames) {
            stack.add(frame(frame));
        }
        return stack;
    }

    private static ThreadRecord idleLoop(long id) {
        return ThreadRecord.of(
                id,
                "grpc-nio-worker-ELG-1-" + id,
                Thread.State.RUNNABLE,
                stack(
                        "sun.nio.ch.EPoll.wait",
                        "sun.nio.ch.EPollSelectorImpl.doSelect",
                        "sun.nio.ch.SelectorImpl.lockAndDoSelect",
                        "sun.nio.ch.SelectorImpl.select",
                        SHADED + "io.netty.channel.nio.SelectedSelectionKeySetSelector.select",
                        SHADED + "io.netty.channel.nio.NioEventLoop.select",
                        SHADED + "io.netty.channel.nio.NioEventLoop.run",
                        "java.lang.Thread.run"));
    }

    private static ThreadRecord loopIn(long id, String applicationFrame) {
        return ThreadRecord.of(
                id,
                "grpc-nio-worker-ELG-1-" + id,
                Thread.State.TIMED_WAITING,
                stack(
                        "java.lang.Thread.sleep",
                        applicationFrame,
                        "io.grpc.stub.ServerCalls$UnaryServerCallHandler$UnaryServerCallListener.onHalfClose",
                        "io.grpc.internal.ServerImpl$JumpToApplicationThreadExecutor.execute",
                        SHADED + "io.netty.channel.nio.NioEventLoop.processSelectedKeys",
                        SHADED + "io.netty.channel.nio.NioEventLoop.run",
                        "java.lang.Thread.run"));
    }

    private static ThreadRecord worker(String name, long id, boolean busy) {
        List<StackFrame> frames = busy
                ? stack(
                        "com.example.Reports.render",
                        "java.util.concurrent.ThreadPoolExecutor.runWorker",
                        "java.util.concurrent.ThreadPoolExecutor$Worker.run",
                        "java.lang.Thread.run")
                : stack(
                        "jdk.internal.misc.Unsafe.park",
                        "java.util.concurrent.locks.LockSupport.park",
                        "java.util.concurrent.LinkedBlockingQueue.take",
                        "java.util.concurrent.ThreadPoolExecutor.getTask",
                        "java.util.concurrent.ThreadPoolExecutor.runWorker",
                        "java.util.concurrent.ThreadPoolExecutor$Worker.run",
                        "java.lang.Thread.run");
        return ThreadRecord.of(id, name, busy ? Thread.State.RUNNABLE : Thread.State.WAITING, frames);
    }

    private static ThreadRecord blockingCaller(long id, long waitedCount) {
        return ThreadRecord.of(
                        id,
                        "main",
                        Thread.State.WAITING,
                        stack(
                                "jdk.internal.misc.Unsafe.park",
                                "java.util.concurrent.locks.LockSupport.park",
                                "io.grpc.stub.ClientCalls$ThreadlessExecutor.waitAndDrain",
                                "io.grpc.stub.ClientCalls.blockingUnaryCall",
                                "com.example.GreeterGrpc$GreeterBlockingStub.sayHello",
                                "com.example.Client.greet",
                                "com.example.Client.main"))
                .withWaitedCount(waitedCount);
    }

    private static ThreadRecord streamReader(long id, long waitedCount) {
        return ThreadRecord.of(
                        id,
                        "watcher",
                        Thread.State.WAITING,
                        stack(
                                "jdk.internal.misc.Unsafe.park",
                                "java.util.concurrent.locks.LockSupport.park",
                                "io.grpc.stub.ClientCalls$ThreadlessExecutor.waitAndDrain",
                                "io.grpc.stub.ClientCalls$BlockingResponseStream.waitForNext",
                                "io.grpc.stub.ClientCalls$BlockingResponseStream.hasNext",
                                "com.example.Watcher.follow"))
                .withWaitedCount(waitedCount);
    }

    private static ThreadDump at(int seconds, ThreadRecord... threads) {
        return ThreadDump.of(START.plusSeconds(seconds), List.of(threads));
    }

    @Test
    void blockedEventLoopIsNamedWithItsApplicationFrameAfterThreeSamples() {
        ThreadAnalysis analysis = new ThreadAnalysis();
        analysis.apply(at(0, loopIn(1, "com.example.Handler.sayHello")));
        assertThat(analysis.apply(at(5, loopIn(1, "com.example.Handler.sayHello")))
                        .active())
                .isEmpty();
        ThreadReport report = analysis.apply(at(10, loopIn(1, "com.example.Handler.sayHello")));

        assertThat(report.active()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FindingKind.BLOCKED_EVENT_LOOP);
            assertThat(finding.subject()).isEqualTo("grpc-nio-worker-ELG-1-1");
            assertThat(finding.frame()).startsWith("com.example.Handler.sayHello(");
            assertThat(finding.firstSeen()).isEqualTo(START);
            assertThat(finding.lastSeen()).isEqualTo(START.plusSeconds(10));
        });
        assertThat(report.provesBlockedEventLoop()).isTrue();
    }

    @Test
    void idleEventLoopIsNoFinding() {
        ThreadAnalysis analysis = new ThreadAnalysis();
        for (int i = 0; i < 10; i++) {
            analysis.apply(at(i * 5, idleLoop(1), idleLoop(2)));
        }
        assertThat(analysis.report().all()).isEmpty();
    }

    @Test
    void busyHealthyEventLoopCaughtInDifferentFramesOrItsWaitIsNoFinding() {
        ThreadAnalysis analysis = new ThreadAnalysis();
        analysis.apply(at(0, loopIn(1, "com.example.Handler.sayHello")));
        analysis.apply(at(5, loopIn(1, "com.example.Handler.listUsers")));
        analysis.apply(at(10, loopIn(1, "com.example.Handler.sayHello")));
        analysis.apply(at(15, idleLoop(1)));
        analysis.apply(at(20, loopIn(1, "com.example.Handler.sayHello")));
        analysis.apply(at(25, loopIn(1, "com.example.Handler.sayHello")));

        assertThat(analysis.report().all()).isEmpty();
    }

    @Test
    void blockedLoopThatRecoversEndsWithItsFirstAndLastSeen() {
        ThreadAnalysis analysis = new ThreadAnalysis();
        for (int i = 0; i < 4; i++) {
            analysis.apply(at(i * 5, loopIn(1, "com.example.Handler.sayHello")));
        }
        ThreadReport report = analysis.apply(at(20, idleLoop(1)));

        assertThat(report.active()).isEmpty();
        assertThat(report.ended()).singleElement().satisfies(finding -> {
            assertThat(finding.firstSeen()).isEqualTo(START);
            assertThat(finding.lastSeen()).isEqualTo(START.plusSeconds(15));
            assertThat(finding.samples()).isEqualTo(4);
        });
    }

    @Test
    void blockingCallInTheSameWaitPastTenSecondsIsStuckWithItsMethod() {
        ThreadAnalysis analysis = new ThreadAnalysis();
        analysis.apply(at(0, blockingCaller(7, 3)));
        assertThat(analysis.apply(at(10, blockingCaller(7, 3))).active()).isEmpty();
        ThreadReport report = analysis.apply(at(15, blockingCaller(7, 3)));

        assertThat(report.active()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FindingKind.STUCK_BLOCKING_CALL);
            assertThat(finding.frame()).isEqualTo("Greeter/SayHello");
            assertThat(finding.evidence()).contains("com.example.Client.greet").contains("deadline");
        });
    }

    @Test
    void backToBackShortCallsCaughtEachTimeAreNoFinding() {
        ThreadAnalysis analysis = new ThreadAnalysis();
        for (int i = 0; i < 10; i++) {
            analysis.apply(at(i * 5, blockingCaller(7, 100 + i)));
        }
        assertThat(analysis.report().all()).isEmpty();
    }

    @Test
    void streamThatReceivesMessagesOrWaitsLessThanFiveMinutesIsNoFinding() {
        ThreadAnalysis receiving = new ThreadAnalysis();
        for (int i = 0; i < 100; i++) {
            receiving.apply(at(i * 5, streamReader(9, i)));
        }
        assertThat(receiving.report().all()).isEmpty();

        ThreadAnalysis quiet = new ThreadAnalysis();
        for (int i = 0; i <= 60; i++) {
            quiet.apply(at(i * 5, streamReader(9, 1)));
        }
        assertThat(quiet.report().all()).isEmpty();
        assertThat(quiet.apply(at(305, streamReader(9, 1))).active())
                .singleElement()
                .extracting(ThreadFinding::kind)
                .isEqualTo(FindingKind.STUCK_BLOCKING_CALL);
    }

    @Test
    void poolWithEveryThreadBusyInThreeSamplesIsSaturated() {
        ThreadAnalysis analysis = new ThreadAnalysis();
        ThreadReport report = null;
        for (int i = 0; i < 3; i++) {
            report = analysis.apply(at(i * 5, worker("reports-1", 1, true), worker("reports-2", 2, true)));
        }
        assertThat(report.active()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FindingKind.SATURATED_POOL);
            assertThat(finding.subject()).isEqualTo("reports-*");
            assertThat(finding.frame()).startsWith("com.example.Reports.render(");
        });
        assertThat(report.groups())
                .filteredOn(group -> group.pool().equals("reports-*"))
                .singleElement()
                .satisfies(group -> {
                    assertThat(group.busy()).isEqualTo(2);
                    assertThat(group.busyLastMinute()).isEqualTo(1.0);
                    assertThat(group.byState()).containsEntry(Thread.State.RUNNABLE, 2);
                });
    }

    @Test
    void healthyBusyPoolWithAnIdleThreadNowAndThenIsNoFinding() {
        ThreadAnalysis analysis = new ThreadAnalysis();
        for (int i = 0; i < 12; i++) {
            analysis.apply(at(i * 5, worker("reports-1", 1, true), worker("reports-2", 2, i % 3 != 0)));
        }
        assertThat(analysis.report().all()).isEmpty();
        assertThat(analysis.report().groups().get(0).busyLastMinute()).isBetween(0.5, 1.0);
    }

    @Test
    void oneBusyDedicatedThreadIsNoPool() {
        ThreadAnalysis analysis = new ThreadAnalysis();
        for (int i = 0; i < 5; i++) {
            analysis.apply(at(i * 5, worker("reports-1", 1, true)));
        }
        assertThat(analysis.report().all()).isEmpty();
    }

    @Test
    void deadlockNamedByTheJvmIsAFindingAtOnce() {
        ThreadRecord first = new ThreadRecord(
                1,
                "a",
                Thread.State.BLOCKED,
                false,
                false,
                "java.lang.Object@1",
                2,
                "b",
                0,
                stack("com.x.A.run"),
                List.of());
        ThreadRecord second = new ThreadRecord(
                2,
                "b",
                Thread.State.BLOCKED,
                false,
                false,
                "java.lang.Object@2",
                1,
                "a",
                0,
                stack("com.x.B.run"),
                List.of());
        ThreadDump dump = new ThreadDump(START, List.of(first, second), Set.of(1L, 2L), true, -1);

        ThreadReport report = new ThreadAnalysis().apply(dump);

        assertThat(report.active()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FindingKind.DEADLOCK);
            assertThat(finding.evidence()).contains("\"a\" waits for java.lang.Object@1 held by \"b\"");
        });
        assertThat(ThreadDumpText.format(dump)).contains("Found one Java-level deadlock");
    }

    @Test
    void poolsGroupByNameUpToTheTrailingNumber() {
        assertThat(ThreadPools.poolOf("grpc-default-executor-3")).isEqualTo("grpc-default-executor-*");
        assertThat(ThreadPools.poolOf("pool-2-thread-7")).isEqualTo("pool-2-thread-*");
        assertThat(ThreadPools.poolOf("grpc-nio-worker-ELG-1-4")).isEqualTo("grpc-nio-worker-ELG-1-*");
        assertThat(ThreadPools.poolOf("main")).isEqualTo("main");
        assertThat(ThreadPools.kindOf(idleLoop(1))).isEqualTo(PoolKind.EVENT_LOOP);
    }

    @Test
    void jstackTextCarriesStatesFramesAndLocks() {
        ThreadRecord parked = new ThreadRecord(
                5,
                "grpc-default-executor-0",
                Thread.State.WAITING,
                true,
                false,
                "java.util.concurrent.SynchronousQueue$TransferStack@1f",
                -1,
                null,
                0,
                stack("jdk.internal.misc.Unsafe.park", "java.lang.Thread.run"),
                List.of());
        String text = ThreadDumpText.format(new ThreadDump(START, List.of(parked), Set.of(), true, -1));

        assertThat(text)
                .contains("\"grpc-default-executor-0\" #5 daemon\n   java.lang.Thread.State: WAITING\n")
                .contains("\tat jdk.internal.misc.Unsafe.park(X.java:1)\n")
                .contains("\t- parking to wait for <java.util.concurrent.SynchronousQueue$TransferStack@1f>");
        assertThat(ThreadAnalysis.seconds(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }
}
