package dev.streamscope.app.jmx.threads;

import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.management.openmbean.CompositeData;

/** Maps the Threading MBean's open types to our records: no {@code ThreadInfo} or CompositeData travels further. */
public final class ThreadDumpMapper {

    private ThreadDumpMapper() {}

    /**
     * @param infos what {@code dumpAllThreads} answered (null entries are threads that ended meanwhile)
     * @param deadlocked what {@code findDeadlockedThreads} answered (null when none)
     */
    public static ThreadDump map(
            Instant takenAt, CompositeData[] infos, long[] deadlocked, boolean locksIncluded, long bytes) {
        List<ThreadRecord> threads = new ArrayList<>(infos == null ? 0 : infos.length);
        if (infos != null) {
            for (CompositeData data : infos) {
                if (data != null) {
                    threads.add(map(ThreadInfo.from(data)));
                }
            }
        }
        Set<Long> ids = new HashSet<>();
        if (deadlocked != null) {
            for (long id : deadlocked) {
                ids.add(id);
            }
        }
        return new ThreadDump(takenAt, threads, ids, locksIncluded, bytes);
    }

    static ThreadRecord map(ThreadInfo info) {
        List<StackFrame> stack = new ArrayList<>();
        for (StackTraceElement element : info.getStackTrace()) {
            stack.add(new StackFrame(
                    element.getClassName(),
                    element.getMethodName(),
                    element.getFileName(),
                    element.getLineNumber(),
                    element.isNativeMethod()));
        }
        List<String> locked = new ArrayList<>();
        for (MonitorInfo monitor : info.getLockedMonitors()) {
            locked.add(lock(monitor));
        }
        for (LockInfo synchronizer : info.getLockedSynchronizers()) {
            locked.add(lock(synchronizer));
        }
        LockInfo waitingFor = info.getLockInfo();
        return new ThreadRecord(
                info.getThreadId(),
                info.getThreadName(),
                info.getThreadState(),
                info.isDaemon(),
                info.isInNative(),
                waitingFor == null ? null : lock(waitingFor),
                info.getLockOwnerId(),
                info.getLockOwnerName(),
                info.getWaitedCount(),
                stack,
                locked);
    }

    private static String lock(LockInfo lock) {
        return lock.getClassName() + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }
}
