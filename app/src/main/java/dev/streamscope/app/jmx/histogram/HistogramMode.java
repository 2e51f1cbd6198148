package dev.streamscope.app.jmx.histogram;

import java.util.Locale;

/** Which objects a class histogram counts. */
public enum HistogramMode {
    /** Reachable objects only: the target runs a full GC first, a pause on a big heap. */
    LIVE,
    /** Every object on the heap, garbage too: no GC, so no pause. */
    ALL;

    /** The arguments of {@code gcClassHistogram}: {@code -all} for every object, none for live ones. */
    public String[] arguments() {
        return this == ALL ? new String[] {"-all"} : new String[0];
    }

    /** "live" or "all", as on the command line. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "live" or "all" (any case). */
    public static HistogramMode parse(String text) {
        for (HistogramMode mode : values()) {
            if (mode.text().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("a histogram is 'live' or 'all', not '" + text + "'");
    }
}
