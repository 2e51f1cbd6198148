package dev.streamscope.app.threads;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thing the thread rules proved, with its evidence and what to do.
 *
 * @param key what the finding is about, stable across samples (the thread's or pool's name)
 * @param subject the thread or pool, as the user reads it
 * @param frame the frame that blocks, or the stub method of a stuck call; null when none could be read
 * @param evidence what the samples showed
 * @param advice what to do about it
 * @param threadIds the threads involved in the last sample
 * @param samples how many consecutive samples showed it
 */
public record ThreadFinding(
        FindingKind kind,
        String key,
        String subject,
        String frame,
        String evidence,
        String advice,
        List<Long> threadIds,
        Instant firstSeen,
        Instant lastSeen,
        int samples) {

    public ThreadFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        threadIds = List.copyOf(threadIds);
    }

    /** The identity that stays the same while the finding lasts. */
    public String identity() {
        return kind + " " + key;
    }
}
