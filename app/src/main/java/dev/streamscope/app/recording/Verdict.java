package dev.streamscope.app.recording;

/** What a capture concluded, with the exit status a cron job or CI step can test. */
public enum Verdict {
    HEALTHY("healthy", 0),
    /** At least one stream surely outlived its lifetime (for channelz bounds: the lower bound is above zero). */
    OVERDUE_STREAMS("overdue-streams", 3),
    /**
     * No stream is proven overdue, but a connection's open streams climb steadily over the trend window: a leak the
     * counters cannot yet age (healthy calls on the same connection hide the old streams).
     */
    GROWING_STREAMS("growing-streams", 4),
    /**
     * A Netty event loop was seen blocked outside its selector wait, in the same application frame, in consecutive
     * thread dumps (--threads): every call on its connections waited meanwhile. Never from a single dump.
     */
    BLOCKED_EVENT_LOOP("blocked-event-loop", 5),
    /**
     * Nothing wrong was seen, but the recording covered less than the trend window and less than every lifetime: it
     * could have proven neither growth nor age, so it does not call the target healthy.
     */
    INCONCLUSIVE("inconclusive", 6),
    /** No sample and no channelz snapshot at all could be taken. */
    TARGET_UNREACHABLE("target-unreachable", 2);

    /** Bad arguments: EX_USAGE from sysexits.h, as the window's launcher uses. */
    public static final int USAGE_EXIT_STATUS = 64;

    private final String wireName;
    private final int exitStatus;

    Verdict(String wireName, int exitStatus) {
        this.wireName = wireName;
        this.exitStatus = exitStatus;
    }

    /** How summary.json spells it: "healthy", "overdue-streams", "growing-streams", "blocked-event-loop", "inconclusive",
     * "target-unreachable". */
    public String wireName() {
        return wireName;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
