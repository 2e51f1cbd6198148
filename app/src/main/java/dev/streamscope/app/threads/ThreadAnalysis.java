package dev.streamscope.app.threads;

import dev.streamscope.app.jmx.threads.StackFrame;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.jmx.threads.ThreadRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies the thread rules to successive dumps of one target and keeps what they proved. Not thread-safe: one owner
 * (the recording's thread) feeds it. Memory is bounded: state per live thread and pool of the last dump, at most
 * {@link #MAX_ENDED} ended findings.
 *
 * <p>The rules ({@link ThreadRules} holds the thresholds):
 *
 * <ul>
 *   <li><b>Blocked event loop</b>: a Netty event-loop thread (one with {@code NioEventLoop.run}, {@code
 *       EpollEventLoop.run} or {@code KQueueEventLoop.run} below it) seen outside its selector wait ({@code
 *       epollWait}, {@code EPoll.wait}, {@code select}, {@code KQueue}) in N consecutive samples with the same first
 *       application frame. Not an idle loop (in its wait), not a busy healthy loop (caught in different frames or in
 *       its wait in between).
 *   <li><b>Stuck blocking call</b>: a thread in {@code ClientCalls.blockingUnaryCall} or {@code
 *       ThreadlessExecutor.waitAndDrain} in the same wait (its waited count unchanged: no other call in between) for
 *       longer than the threshold; a {@code BlockingResponseStream} waiting for one message longer than the stream
 *       threshold. A stream whose messages arrive wakes its thread, so its wait starts again: not reported.
 *   <li><b>Saturated pool</b>: a pool of executor workers ({@code ThreadPoolExecutor.runWorker}, ForkJoin) with at
 *       least {@link ThreadRules#MIN_POOL_SIZE} threads, none of them waiting for a task, in N consecutive samples. A
 *       healthy busy pool has a thread in {@code getTask} now and then.
 *   <li><b>Deadlock</b>: threads that {@code findDeadlockedThreads} names: the JVM proves it in one sample.
 * </ul>
 */
public final class ThreadAnalysis {

    public static final int MAX_ENDED = 100;

    private static final Duration BUSY_WINDOW = Duration.ofMinutes(1);

    private final ThreadRules rules;
    private final Map<Long, LoopState> loops = new HashMap<>();
    private final Map<Long, CallState> calls = new HashMap<>();
    private final Map<String, Integer> saturatedRuns = new HashMap<>();
    private final Map<String, Deque<double[]>> busyHistory = new HashMap<>();
    private final Map<String, ThreadFinding> active = new LinkedHashMap<>();
    private final Deque<ThreadFinding> ended = new ArrayDeque<>();
    private ThreadReport report = ThreadReport.EMPTY;

    public ThreadAnalysis(ThreadRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public ThreadAnalysis() {
        this(ThreadRules.DEFAULT);
    }

    public ThreadReport report() {
        return report;
    }

    /** Applies one dump (in time order) and returns the report after it. */
    public ThreadReport apply(ThreadDump dump) {
        Instant now = dump.takenAt();
        Map<String, ThreadFinding> found = new LinkedHashMap<>();
        Set<Long> seen = new HashSet<>();
        for (ThreadRecord thread : dump.threads()) {
            seen.add(thread.id());
            eventLoop(thread, now, found);
            blockingCall(thread, now, found);
        }
        loops.keySet().retainAll(seen);
        calls.keySet().retainAll(seen);
        List<ThreadGroupSummary> groups = pools(dump, now, found);
        deadlocks(dump, found);
        for (Map.Entry<String, ThreadFinding> entry : found.entrySet()) {
            ThreadFinding before = active.get(entry.getKey());
            ThreadFinding current = entry.getValue();
            active.put(
                    entry.getKey(),
                    before == null ? current : withFirstSeen(current, before.firstSeen(), before.samples() + 1));
        }
        for (var iterator = active.entrySet().iterator(); iterator.hasNext(); ) {
            var entry = iterator.next();
            if (!found.containsKey(entry.getKey())) {
                ended.addLast(entry.getValue());
                while (ended.size() > MAX_ENDED) {
                    ended.removeFirst();
                }
                iterator.remove();
            }
        }
        report = new ThreadReport(dump, groups, List.copyOf(active.values()), List.copyOf(ended), report.samples() + 1);
        return report;
    }

    private static ThreadFinding withFirstSeen(ThreadFinding finding, Instant firstSeen, int samples) {
        return new ThreadFinding(
                finding.kind(),
                finding.key(),
                finding.subject(),
                finding.frame(),
                finding.evidence(),
                finding.advice(),
                finding.threadIds(),
                firstSeen.isBefore(finding.firstSeen()) ? firstSeen : finding.firstSeen(),
                finding.lastSeen(),
                Math.max(samples, finding.samples()));
    }

    private void eventLoop(ThreadRecord thread, Instant now, Map<String, ThreadFinding> found) {
        if (!ThreadFrames.isEventLoop(thread) || ThreadFrames.inSelectorWait(thread)) {
            loops.remove(thread.id());
            return;
        }
        StackFrame application = ThreadFrames.firstApplicationFrame(thread);
        StackFrame blocking = application != null ? application : thread.top();
        String where = blocking == null ? "" : blocking.qualifiedMethod();
        LoopState state = loops.get(thread.id());
        if (state == null || !state.frame.equals(where)) {
            state = new LoopState(where, now);
            loops.put(thread.id(), state);
        }
        state.samples++;
        if (state.samples >= rules.eventLoopSamples()) {
            String top = thread.top() == null ? "no stack" : thread.top().toString();
            found.put(
                    FindingKind.BLOCKED_EVENT_LOOP + " " + thread.name(),
                    new ThreadFinding(
                            FindingKind.BLOCKED_EVENT_LOOP,
                            thread.name(),
                            thread.name(),
                            blocking == null ? null : blocking.toString(),
                            "Outside its selector wait in " + state.samples + " consecutive samples over "
                                    + seconds(Duration.between(state.since, now)) + ", in "
                                    + (application != null ? application.toString() : "no application frame")
                                    + " (" + thread.state() + ", top frame " + top + "). Every call on the "
                                    + "connections this loop serves waits meanwhile.",
                            "Move the blocking work off the event loop: give the server or channel an executor "
                                    + "(not directExecutor()), or hand the work to a pool from the handler.",
                            List.of(thread.id()),
                            state.since,
                            now,
                            state.samples));
        }
    }

    private void blockingCall(ThreadRecord thread, Instant now, Map<String, ThreadFinding> found) {
        // a blocking stream's iterator waits in waitAndDrain too: the stream's frame decides which call it is
        boolean stream = ThreadFrames.inBlockingStream(thread);
        boolean unary = !stream && ThreadFrames.inBlockingUnaryCall(thread);
        if (!unary && !stream) {
            calls.remove(thread.id());
            return;
        }
        CallState state = calls.get(thread.id());
        if (state == null || state.waitedCount != thread.waitedCount() || state.unary != unary) {
            calls.put(thread.id(), new CallState(unary, thread.waitedCount(), now));
            return;
        }
        state.samples++;
        Duration waiting = Duration.between(state.since, now);
        Duration threshold = unary ? rules.blockingCall() : rules.streamWait();
        if (waiting.compareTo(threshold) <= 0) {
            return;
        }
        String method = ThreadFrames.blockingCallMethod(thread);
        StackFrame application = ThreadFrames.firstApplicationFrame(thread);
        String what = unary ? "a blocking unary call" : "a blocking stream's next message";
        found.put(
                FindingKind.STUCK_BLOCKING_CALL + " " + thread.name(),
                new ThreadFinding(
                        FindingKind.STUCK_BLOCKING_CALL,
                        thread.name(),
                        thread.name(),
                        method != null ? method : (application == null ? null : application.toString()),
                        "Waiting for " + what + (method != null ? " (" + method + ")" : "") + " for at least "
                                + seconds(waiting) + ", in the same wait in " + (state.samples + 1)
                                + " samples (longer than " + seconds(threshold) + ")"
                                + (application != null ? ", called from " + application : "")
                                + ". The stack cannot show the call's deadline: a call waiting this long has none "
                                + "or a long one.",
                        "Give the call a deadline (stub.withDeadlineAfter(...)), and find why the server does not "
                                + "answer (its Threads page, its channelz).",
                        List.of(thread.id()),
                        state.since,
                        now,
                        state.samples + 1));
    }

    private List<ThreadGroupSummary> pools(ThreadDump dump, Instant now, Map<String, ThreadFinding> found) {
        Map<String, List<ThreadRecord>> byPool = new LinkedHashMap<>();
        for (ThreadRecord thread : dump.threads()) {
            byPool.computeIfAbsent(ThreadPools.poolOf(thread.name()), pool -> new ArrayList<>())
                    .add(thread);
        }
        List<ThreadGroupSummary> groups = new ArrayList<>();
        for (Map.Entry<String, List<ThreadRecord>> entry : byPool.entrySet()) {
            String pool = entry.getKey();
            List<ThreadRecord> threads = entry.getValue();
            Map<Thread.State, Integer> byState = new EnumMap<>(Thread.State.class);
            int busy = 0;
            int workers = 0;
            PoolKind kind = PoolKind.JVM;
            for (ThreadRecord thread : threads) {
                byState.merge(thread.state(), 1, Integer::sum);
                if (!ThreadFrames.isIdle(thread)) {
                    busy++;
                }
                if (ThreadFrames.isExecutorWorker(thread)) {
                    workers++;
                }
                PoolKind own = ThreadPools.kindOf(thread);
                if (own.ordinal() < kind.ordinal()) {
                    kind = own;
                }
            }
            Deque<double[]> history = busyHistory.computeIfAbsent(pool, key -> new ArrayDeque<>());
            history.addLast(new double[] {now.toEpochMilli(), busy, threads.size()});
            while (!history.isEmpty()
                    && history.peekFirst()[0] < now.minus(BUSY_WINDOW).toEpochMilli()) {
                history.removeFirst();
            }
            double busySum = 0;
            double totalSum = 0;
            for (double[] point : history) {
                busySum += point[1];
                totalSum += point[2];
            }
            groups.add(new ThreadGroupSummary(
                    pool, kind, threads.size(), byState, busy, totalSum == 0 ? 0 : busySum / totalSum));
            boolean saturated = kind != PoolKind.EVENT_LOOP
                    && kind != PoolKind.JVM
                    && threads.size() >= ThreadRules.MIN_POOL_SIZE
                    && workers == threads.size()
                    && busy == threads.size();
            int run = saturated ? saturatedRuns.merge(pool, 1, Integer::sum) : 0;
            if (!saturated) {
                saturatedRuns.remove(pool);
            }
            if (run >= rules.poolSamples()) {
                found.put(FindingKind.SATURATED_POOL + " " + pool, saturatedFinding(pool, threads, run, now));
            }
        }
        busyHistory.keySet().retainAll(byPool.keySet());
        saturatedRuns.keySet().retainAll(byPool.keySet());
        groups.sort(Comparator.comparing(ThreadGroupSummary::kind).thenComparing(ThreadGroupSummary::pool));
        return groups;
    }

    private static ThreadFinding saturatedFinding(String pool, List<ThreadRecord> threads, int run, Instant now) {
        Map<String, Integer> doing = new HashMap<>();
        for (ThreadRecord thread : threads) {
            StackFrame frame = ThreadFrames.firstApplicationFrame(thread);
            doing.merge(frame == null ? String.valueOf(thread.top()) : frame.toString(), 1, Integer::sum);
        }
        Map.Entry<String, Integer> most =
                doing.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        List<Long> ids = threads.stream().map(ThreadRecord::id).toList();
        return new ThreadFinding(
                FindingKind.SATURATED_POOL,
                pool,
                pool,
                most.getKey(),
                "All " + threads.size() + " threads busy (none waiting for a task) in " + run
                        + " consecutive samples; " + most.getValue() + " of them in " + most.getKey()
                        + ". New tasks queue (or are rejected) meanwhile.",
                "Find why the tasks take this long (the frame above); make the pool bigger only if the work is "
                        + "legitimately slow, and bound its queue.",
                ids,
                now,
                now,
                run);
    }

    private static void deadlocks(ThreadDump dump, Map<String, ThreadFinding> found) {
        if (dump.deadlocked().isEmpty()) {
            return;
        }
        List<ThreadRecord> involved = dump.threads().stream()
                .filter(thread -> dump.deadlocked().contains(thread.id()))
                .sorted(Comparator.comparing(ThreadRecord::name))
                .toList();
        StringBuilder evidence = new StringBuilder("The JVM found a deadlock: ");
        for (int i = 0; i < involved.size(); i++) {
            ThreadRecord thread = involved.get(i);
            evidence.append(i == 0 ? "" : "; ")
                    .append('"')
                    .append(thread.name())
                    .append("\" waits for ")
                    .append(thread.lockName())
                    .append(" held by \"")
                    .append(thread.lockOwnerName())
                    .append('"');
        }
        String key = String.join(", ", involved.stream().map(ThreadRecord::name).toList());
        StackFrame first = involved.isEmpty() ? null : ThreadFrames.firstApplicationFrame(involved.get(0));
        found.put(
                FindingKind.DEADLOCK + " " + key,
                new ThreadFinding(
                        FindingKind.DEADLOCK,
                        key,
                        key,
                        first == null ? null : first.toString(),
                        evidence + ".",
                        "These threads never proceed: take the locks in one order everywhere, then restart the "
                                + "service.",
                        involved.stream().map(ThreadRecord::id).toList(),
                        dump.takenAt(),
                        dump.takenAt(),
                        1));
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static final class LoopState {
        final String frame;
        final Instant since;
        int samples;

        LoopState(String frame, Instant since) {
            this.frame = frame;
            this.since = since;
        }
    }

    private static final class CallState {
        final boolean unary;
        final long waitedCount;
        final Instant since;
        int samples;

        CallState(boolean unary, long waitedCount, Instant since) {
            this.unary = unary;
            this.waitedCount = waitedCount;
            this.since = since;
        }
    }
}
