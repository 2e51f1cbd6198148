package dev.streamscope.app.threads;

import dev.streamscope.app.jmx.threads.ThreadRecord;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups threads by pool, from their names: a pool's threads share a name up to a trailing number ({@code
 * grpc-default-executor-3}, {@code pool-2-thread-7}, {@code grpc-nio-worker-ELG-1-4}), so the pool is the name with
 * that number replaced by {@code *}. A thread with no trailing number is a group of its own.
 */
public final class ThreadPools {

    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?[^0-9])([0-9]+)$");

    private static final List<String> JVM_NAMES = List.of(
            "Reference Handler",
            "Finalizer",
            "Signal Dispatcher",
            "Common-Cleaner",
            "Attach Listener",
            "Notification",
            "RMI ",
            "JMX ",
            "Service Thread",
            "Monitor Deflation",
            "C1 ",
            "C2 ",
            "Sweeper",
            "DestroyJavaVM",
            "process reaper",
            "GC ",
            "G1 ",
            "VM ",
            "Java2D",
            "Cleaner-");

    private ThreadPools() {}

    /** The pool a thread belongs to: its name with a trailing number replaced by {@code *}. */
    public static String poolOf(String threadName) {
        Matcher matcher = TRAILING_NUMBER.matcher(threadName);
        return matcher.matches() ? matcher.group(1) + "*" : threadName;
    }

    public static PoolKind kindOf(ThreadRecord thread) {
        if (ThreadFrames.isEventLoop(thread)) {
            return PoolKind.EVENT_LOOP;
        }
        String name = thread.name();
        if (name.startsWith("grpc-")) {
            return PoolKind.GRPC;
        }
        for (String jvm : JVM_NAMES) {
            if (name.startsWith(jvm)) {
                return PoolKind.JVM;
            }
        }
        return PoolKind.APPLICATION;
    }
}
