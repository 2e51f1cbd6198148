package dev.streamscope.app.lifetime;

/**
 * How many open streams are older than their lifetime: exact when {@code atLeast == atMost}, otherwise bounds.
 *
 * @param atLeast no fewer are overdue
 * @param atMost no more are
 */
public record OverdueCount(long atLeast, long atMost) {

    public static final OverdueCount NONE = new OverdueCount(0, 0);

    public OverdueCount {
        if (atLeast < 0 || atMost < atLeast) {
            throw new IllegalArgumentException("need 0 <= atLeast <= atMost, was " + atLeast + ".." + atMost);
        }
    }

    public static OverdueCount exactly(long count) {
        return new OverdueCount(count, count);
    }

    public boolean exact() {
        return atLeast == atMost;
    }

    /** Adds the counts of two sources (two trackers in one JVM). */
    public OverdueCount plus(OverdueCount other) {
        return new OverdueCount(atLeast + other.atLeast, atMost + other.atMost);
    }
}
