package dev.streamscope.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a stream of this service may live before it counts as overdue: a default and per-method overrides.
 *
 * <p>The text form is StreamScope's {@code --lifetime}: values separated by commas or spaces, each a duration (the
 * default, {@code 60s}) or {@code method=duration} ({@code /pkg.Service/Watch=1h}), durations as a whole number and
 * {@code ms}, {@code s}, {@code m}, {@code min} or {@code h}. Methods are keyed as {@code pkg.Service/Method}; the
 * path form with a leading slash is accepted. Immutable.
 */
public final class StreamLifetimes {

    /** The system property the default bridge and {@link StreamScopeBridge#create} read when given no lifetimes. */
    public static final String LIFETIME_PROPERTY = "streamscope.lifetime";

    /**
     * The same system property.
     *
     * @deprecated use {@link #LIFETIME_PROPERTY}, named as {@link SiteSampling}'s {@code …_PROPERTY} constants are
     */
    @Deprecated
    public static final String PROPERTY = LIFETIME_PROPERTY;

    private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)");
    private static final Pattern FULL_METHOD = Pattern.compile("[^/\\s=,;]+/[^/\\s=,;]+");
    private static final String EXAMPLE = "e.g. 60s,/pkg.Service/Watch=1h";

    private final long defaultMillis;
    private final Map<String, Long> overrideMillis;

    private StreamLifetimes(long defaultMillis, Map<String, Long> overrideMillis) {
        this.defaultMillis = defaultMillis;
        this.overrideMillis = Collections.unmodifiableMap(new TreeMap<>(overrideMillis));
    }

    /** One lifetime for every method. */
    public static StreamLifetimes of(Duration lifetime) {
        return new StreamLifetimes(positiveMillis(lifetime, "the default lifetime"), Map.of());
    }

    /**
     * Reads the text form, e.g. {@code 60s,/pkg.Service/Watch=1h}; without a default duration the default is 60 s.
     *
     * @throws IllegalArgumentException naming the value at fault and the accepted forms
     */
    public static StreamLifetimes parse(String text) {
        Objects.requireNonNull(text, "text");
        Long defaultMillis = null;
        Map<String, Long> overrides = new TreeMap<>();
        for (String spec : text.strip().split("[,\\s]+")) {
            if (spec.isEmpty()) {
                throw new IllegalArgumentException(
                        "No lifetime given; write a duration or method=duration, " + EXAMPLE);
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                if (defaultMillis != null) {
                    throw new IllegalArgumentException("The default lifetime is given twice; give it once, " + EXAMPLE);
                }
                defaultMillis = millis(spec, "the default lifetime");
                continue;
            }
            String method = normaliseMethod(spec.substring(0, equals));
            if (overrides.put(method, millis(spec.substring(equals + 1), "/" + method)) != null) {
                throw new IllegalArgumentException("/" + method + " is given two lifetimes; give it one");
            }
        }
        return new StreamLifetimes(defaultMillis == null ? DEFAULT_LIFETIME.toMillis() : defaultMillis, overrides);
    }

    /** These lifetimes with {@code fullMethod} (either form) given its own. */
    public StreamLifetimes withOverride(String fullMethod, Duration lifetime) {
        String method = normaliseMethod(fullMethod);
        Map<String, Long> updated = new TreeMap<>(overrideMillis);
        updated.put(method, positiveMillis(lifetime, "/" + method));
        return new StreamLifetimes(defaultMillis, updated);
    }

    /** The lifetime of {@code fullMethod} in the bridge's form ({@code pkg.Service/Method}). */
    public long lifetimeMillisOf(String fullMethod) {
        if (overrideMillis.isEmpty()) {
            return defaultMillis;
        }
        Long override = overrideMillis.get(fullMethod);
        return override == null ? defaultMillis : override;
    }

    /** A stream younger than this is overdue under no method. */
    long shortestMillis() {
        long shortest = defaultMillis;
        for (long millis : overrideMillis.values()) {
            shortest = Math.min(shortest, millis);
        }
        return shortest;
    }

    /** The text form, default first, e.g. {@code 60s, /pkg.Service/Watch=1h}; {@link #parse} reads it back. */
    public String toText() {
        List<String> parts = new ArrayList<>();
        parts.add(format(defaultMillis));
        overrideMillis.forEach((method, millis) -> parts.add("/" + method + "=" + format(millis)));
        return String.join(", ", parts);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamLifetimes
                && defaultMillis == ((StreamLifetimes) other).defaultMillis
                && overrideMillis.equals(((StreamLifetimes) other).overrideMillis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaultMillis, overrideMillis);
    }

    @Override
    public String toString() {
        return toText();
    }

    private static String normaliseMethod(String text) {
        String trimmed = text.strip();
        String name = trimmed.startsWith("/") ? trimmed.substring(1) : trimmed;
        if (!FULL_METHOD.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "'" + trimmed + "' is not a full method name; write /package.Service/Method"
                            + " (as in the gRPC path), " + EXAMPLE);
        }
        return name;
    }

    private static long millis(String text, String whose) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Lifetime of " + whose + ": '" + text
                    + "' is not a duration; write a whole number and a unit, e.g. 500ms, 1s, 5m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        Duration lifetime = unit.equals("ms")
                ? Duration.ofMillis(amount)
                : unit.equals("s")
                        ? Duration.ofSeconds(amount)
                        : unit.equals("h") ? Duration.ofHours(amount) : Duration.ofMinutes(amount);
        return positiveMillis(lifetime, whose);
    }

    private static long positiveMillis(Duration lifetime, String whose) {
        Objects.requireNonNull(lifetime, whose);
        if (lifetime.toMillis() <= 0) {
            throw new IllegalArgumentException("Lifetime of " + whose + " must be at least 1ms, was " + lifetime);
        }
        return lifetime.toMillis();
    }

    /** The shortest exact form, as StreamScope writes it: {@code 1500ms}, {@code 90s}, {@code 5m}, {@code 1h}. */
    private static String format(long millis) {
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
