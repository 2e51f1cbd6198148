package dev.streamscope.app.base;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them on command lines and in settings: {@code 500ms}, {@code 1s}, {@code 5m}, {@code 1h}. */
public final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)");
    private static final String EXAMPLES = "(try 500ms, 1s, 2m)";

    private DurationText() {}

    /**
     * @throws IllegalArgumentException with a message that shows the accepted forms, also for a duration too long to
     *     count in milliseconds (a damaged settings value like {@code 9999999999999999h})
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = FORM.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration " + EXAMPLES);
        }
        long unitMillis = switch (matcher.group(2)) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "m", "min" -> 60_000;
            default -> 3_600_000;
        };
        try {
            // in milliseconds, so that every later toMillis() is safe
            return Duration.ofMillis(Math.multiplyExact(Long.parseLong(matcher.group(1)), unitMillis));
        } catch (NumberFormatException | ArithmeticException tooManyDigits) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration " + EXAMPLES);
        }
    }

    /** The shortest exact form: {@code 1500ms}, {@code 90s}, {@code 5m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /** An age as people read it: "4 min 12 s", "2 h 5 min", "850 ms". */
    public static String age(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min " + seconds % 60 + " s";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h " + minutes % 60 + " min";
        }
        return hours / 24 + " d " + hours % 24 + " h";
    }
}
