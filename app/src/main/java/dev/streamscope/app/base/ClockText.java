package dev.streamscope.app.base;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times of day as every view, chart and status line shows them: {@code 14:03:27}, in the machine's zone. */
public final class ClockText {

    /** For the few APIs that want a pattern ({@code java.text.SimpleDateFormat} on a chart's time axis). */
    public static final String PATTERN = "HH:mm:ss";

    private static final DateTimeFormatter SYSTEM_ZONE = formatter(ZoneId.systemDefault());

    private ClockText() {}

    /** "14:03:27" in the machine's zone. */
    public static String format(Instant at) {
        return SYSTEM_ZONE.format(at);
    }

    /** For a chart drawn in another zone than the machine's (a recording's, a test's). */
    public static DateTimeFormatter formatter(ZoneId zone) {
        return DateTimeFormatter.ofPattern(PATTERN, Locale.ROOT).withZone(zone);
    }
}
