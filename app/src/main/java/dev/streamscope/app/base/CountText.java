package dev.streamscope.app.base;

/** Counts known exactly or only between bounds (channelz proves at least so many streams overdue, never which). */
public final class CountText {

    private CountText() {}

    /** "37" when exact, "≥ 37" when only the lower bound is proven: the short form of a badge or a sentence. */
    public static String atLeast(long atLeast, long atMost) {
        return atLeast == atMost ? Long.toString(atLeast) : "≥ " + atLeast;
    }

    /** "37" when exact, "37..40" between bounds: the form of a progress line. */
    public static String range(long atLeast, long atMost) {
        return atLeast == atMost ? Long.toString(atLeast) : atLeast + ".." + atMost;
    }
}
