package dev.streamscope.app.jmx.threads;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * All threads of a target at one moment, with the deadlocked ones.
 *
 * @param locksIncluded whether the target reported locked monitors and synchronizers (some refuse: then false)
 * @param deadlocked ids of the threads {@code findDeadlockedThreads} named; empty when none
 * @param bytes the bytes the dump took on the wire, both ways (about: the connection's meter), or -1 when not metered
 */
public record ThreadDump(
        Instant takenAt, List<ThreadRecord> threads, Set<Long> deadlocked, boolean locksIncluded, long bytes) {

    public ThreadDump {
        Objects.requireNonNull(takenAt, "takenAt");
        threads = List.copyOf(threads);
        deadlocked = Set.copyOf(deadlocked);
    }

    public static ThreadDump of(Instant takenAt, List<ThreadRecord> threads) {
        return new ThreadDump(takenAt, threads, Set.of(), false, -1);
    }
}
