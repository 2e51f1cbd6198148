package dev.streamscope.app.jmx.threads;

import java.util.List;
import java.util.Objects;

/**
 * One thread of a dump, mapped from {@code ThreadInfo} at the edge.
 *
 * @param lockName the monitor or synchronizer it waits for, or null
 * @param lockOwnerName the thread that holds that lock, or null
 * @param waitedCount how many times it has entered WAITING or TIMED_WAITING since it started: unchanged between two
 *     samples, the thread has been in the same wait all along
 * @param lockedMonitors the monitors it holds, as {@code class@hash}; empty when the target did not report them
 */
public record ThreadRecord(
        long id,
        String name,
        Thread.State state,
        boolean daemon,
        boolean inNative,
        String lockName,
        long lockOwnerId,
        String lockOwnerName,
        long waitedCount,
        List<StackFrame> stack,
        List<String> lockedMonitors) {

    public ThreadRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        stack = List.copyOf(stack);
        lockedMonitors = List.copyOf(lockedMonitors);
    }

    /** A thread with only what the rules read, for tests and recorded dumps. */
    public static ThreadRecord of(long id, String name, Thread.State state, List<StackFrame> stack) {
        return new ThreadRecord(id, name, state, false, false, null, -1, null, 0, stack, List.of());
    }

    public ThreadRecord withWaitedCount(long count) {
        return new ThreadRecord(
                id, name, state, daemon, inNative, lockName, lockOwnerId, lockOwnerName, count, stack, lockedMonitors);
    }

    /** The top frame, or null for a thread with no stack (a thread just starting or ending). */
    public StackFrame top() {
        return stack.isEmpty() ? null : stack.get(0);
    }
}
