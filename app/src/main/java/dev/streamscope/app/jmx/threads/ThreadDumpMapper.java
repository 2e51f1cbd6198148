package dev.streamscope.app.jmx.threads;

import dev.streamscope.app.jmx.sample.JmxMapper;
import dev.streamscope.app.jmx.sample.OpenValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Maps the Threading MBean's {@code ThreadInfo} items to our records, in either form they arrive (open types over JMX,
 * JSON over Jolokia: the same item names): no {@code ThreadInfo}, CompositeData or JSON travels further.
 */
public final class ThreadDumpMapper {

    private ThreadDumpMapper() {}

    /**
     * @param infos what {@code getThreadInfo} or {@code dumpAllThreads} answered, an array or a list (null entries
     *     are threads that ended meanwhile)
     * @param deadlocked what {@code findDeadlockedThreads} answered, an array or a list of ids (null when none)
     */
    public static ThreadDump map(Instant takenAt, Object infos, Object deadlocked, boolean locksIncluded, long bytes) {
        List<ThreadRecord> threads = new ArrayList<>();
        for (Object info : OpenValues.elements(infos)) {
            ThreadRecord thread = thread(info);
            if (thread != null) {
                threads.add(thread);
            }
        }
        Set<Long> ids = new HashSet<>();
        for (Object id : OpenValues.elements(deadlocked)) {
            if (id instanceof Number number) {
                ids.add(number.longValue());
            }
        }
        return new ThreadDump(takenAt, threads, ids, locksIncluded, bytes);
    }

    /** One {@code ThreadInfo}, or {@code null} for a thread that ended meanwhile or an unreadable entry. */
    static ThreadRecord thread(Object info) {
        Object state = OpenValues.item(info, "threadState");
        if (!OpenValues.isComposite(info) || state == null) {
            return null;
        }
        List<StackFrame> stack = new ArrayList<>();
        for (Object element : OpenValues.elements(OpenValues.item(info, "stackTrace"))) {
            stack.add(new StackFrame(
                    text(OpenValues.item(element, "className")),
                    text(OpenValues.item(element, "methodName")),
                    textOrNull(OpenValues.item(element, "fileName")),
                    (int) JmxMapper.longOf(OpenValues.item(element, "lineNumber"), -1),
                    Boolean.TRUE.equals(OpenValues.item(element, "nativeMethod"))));
        }
        List<String> locked = new ArrayList<>();
        for (Object monitor : OpenValues.elements(OpenValues.item(info, "lockedMonitors"))) {
            locked.add(lock(monitor));
        }
        for (Object synchronizer : OpenValues.elements(OpenValues.item(info, "lockedSynchronizers"))) {
            locked.add(lock(synchronizer));
        }
        Object waitingFor = OpenValues.item(info, "lockInfo");
        return new ThreadRecord(
                JmxMapper.longOf(OpenValues.item(info, "threadId"), -1),
                text(OpenValues.item(info, "threadName")),
                Thread.State.valueOf(state.toString()),
                Boolean.TRUE.equals(OpenValues.item(info, "daemon")),
                Boolean.TRUE.equals(OpenValues.item(info, "inNative")),
                OpenValues.isComposite(waitingFor) ? lock(waitingFor) : null,
                JmxMapper.longOf(OpenValues.item(info, "lockOwnerId"), -1),
                textOrNull(OpenValues.item(info, "lockOwnerName")),
                JmxMapper.longOf(OpenValues.item(info, "waitedCount"), 0),
                stack,
                locked);
    }

    private static String lock(Object lock) {
        return text(OpenValues.item(lock, "className")) + "@"
                + Integer.toHexString((int) JmxMapper.longOf(OpenValues.item(lock, "identityHashCode"), 0));
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }

    private static String textOrNull(Object value) {
        return value == null ? null : value.toString();
    }
}
