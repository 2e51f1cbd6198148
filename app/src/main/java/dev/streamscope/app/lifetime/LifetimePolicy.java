package dev.streamscope.app.lifetime;

import dev.streamscope.app.base.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How long a stream may live before it counts as overdue: a default and per-method overrides.
 *
 * <p>Methods are keyed by their full name in the bridge's form, {@code pkg.Service/Method}; the URL path form
 * {@code /pkg.Service/Method} is accepted everywhere and normalised, so a lifetime typed either way matches.
 *
 * @param defaultLifetime the lifetime of every method without an override, longer than zero
 * @param overrides lifetimes by normalised full method name, sorted by name
 */
public record LifetimePolicy(Duration defaultLifetime, Map<String, Duration> overrides) {

    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    public static final LifetimePolicy DEFAULT = new LifetimePolicy(DEFAULT_LIFETIME, Map.of());

    /** {@code service/Method} where service is a dotted name; no spaces, no second slash. */
    private static final Pattern FULL_METHOD = Pattern.compile("[^/\\s=,;]+/[^/\\s=,;]+");

    private static final String EXAMPLE = "e.g. --lifetime 60s or --lifetime /pkg.Service/Watch=1h";

    public LifetimePolicy {
        Objects.requireNonNull(defaultLifetime, "defaultLifetime");
        requirePositive(defaultLifetime, "the default lifetime");
        TreeMap<String, Duration> normalised = new TreeMap<>();
        overrides.forEach((method, lifetime) -> {
            String name = normaliseMethod(method);
            requirePositive(lifetime, name);
            normalised.put(name, lifetime);
        });
        overrides = Collections.unmodifiableMap(normalised);
    }

    /**
     * The policy the command-line values give: each value is either a duration ({@code 60s}, the default) or
     * {@code method=duration} ({@code /pkg.Service/Watch=1h}). No values give {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming the value at fault and the accepted forms
     */
    public static LifetimePolicy parse(List<String> specs) {
        Duration defaultLifetime = null;
        Map<String, Duration> overrides = new TreeMap<>();
        for (String raw : specs) {
            String spec = raw == null ? "" : raw.strip();
            if (spec.isEmpty()) {
                throw new IllegalArgumentException(
                        "A lifetime is empty; write a duration or method=duration, " + EXAMPLE);
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                if (defaultLifetime != null) {
                    throw new IllegalArgumentException("The default lifetime is given twice ("
                            + DurationText.format(defaultLifetime) + " and " + spec + "); give it once");
                }
                defaultLifetime = lifetime(spec, "the default lifetime");
                continue;
            }
            String methodText = spec.substring(0, equals).strip();
            String durationText = spec.substring(equals + 1).strip();
            if (methodText.isEmpty()) {
                throw new IllegalArgumentException("'" + spec
                        + "' names no method before '='; write /package.Service/Method=duration, " + EXAMPLE);
            }
            String method = normaliseMethod(methodText);
            Duration lifetime = lifetime(durationText, method);
            if (overrides.put(method, lifetime) != null) {
                throw new IllegalArgumentException("/" + method + " is given two lifetimes; give it one");
            }
        }
        return new LifetimePolicy(defaultLifetime == null ? DEFAULT_LIFETIME : defaultLifetime, overrides);
    }

    /** Reads {@link #toText()}'s form back: values separated by commas or spaces. */
    public static LifetimePolicy fromText(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        return parse(Arrays.stream(text.strip().split("[,\\s]+")).toList());
    }

    /** The settings-file form: the default first, then the overrides, e.g. {@code 60s, /pkg.Service/Watch=1h}. */
    public String toText() {
        List<String> parts = new ArrayList<>();
        parts.add(DurationText.format(defaultLifetime));
        overrides.forEach((method, lifetime) -> parts.add("/" + method + "=" + DurationText.format(lifetime)));
        return String.join(", ", parts);
    }

    /** The lifetime of {@code fullMethod} (either form); the default for a method without override or null. */
    public Duration lifetimeOf(String fullMethod) {
        if (fullMethod == null || overrides.isEmpty()) {
            return defaultLifetime;
        }
        String name = fullMethod.startsWith("/") ? fullMethod.substring(1) : fullMethod;
        return overrides.getOrDefault(name, defaultLifetime);
    }

    /** The shortest lifetime any method has: a stream younger than this is overdue under no method. */
    public Duration shortest() {
        return overrides.values().stream().reduce(defaultLifetime, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    /** The longest lifetime any method has: a stream at least this old is overdue whatever its method. */
    public Duration longest() {
        return overrides.values().stream().reduce(defaultLifetime, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** Whether every method has the same lifetime, so that one age threshold tells overdue streams exactly. */
    public boolean uniform() {
        return overrides.values().stream().allMatch(defaultLifetime::equals);
    }

    public LifetimePolicy withDefault(Duration lifetime) {
        return new LifetimePolicy(lifetime, overrides);
    }

    public LifetimePolicy withOverride(String fullMethod, Duration lifetime) {
        Map<String, Duration> updated = new TreeMap<>(overrides);
        updated.put(normaliseMethod(fullMethod), lifetime);
        return new LifetimePolicy(defaultLifetime, updated);
    }

    public LifetimePolicy withoutOverride(String fullMethod) {
        Map<String, Duration> updated = new TreeMap<>(overrides);
        updated.remove(normaliseMethod(fullMethod));
        return new LifetimePolicy(defaultLifetime, updated);
    }

    /**
     * {@code pkg.Service/Method} from either form.
     *
     * @throws IllegalArgumentException when it is not a full method name
     */
    public static String normaliseMethod(String fullMethod) {
        String text = fullMethod == null ? "" : fullMethod.strip();
        String name = text.startsWith("/") ? text.substring(1) : text;
        if (!FULL_METHOD.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a full method name; write /package.Service/Method (as in the gRPC path), " + EXAMPLE);
        }
        return name;
    }

    private static Duration lifetime(String text, String whose) {
        Duration lifetime;
        try {
            lifetime = DurationText.parse(text);
        } catch (IllegalArgumentException notADuration) {
            throw new IllegalArgumentException(
                    "Lifetime of " + display(whose) + ": " + notADuration.getMessage(), notADuration);
        }
        requirePositive(lifetime, whose);
        return lifetime;
    }

    private static void requirePositive(Duration lifetime, String whose) {
        Objects.requireNonNull(lifetime, whose);
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException(
                    "Lifetime of " + display(whose) + " must be longer than 0, was " + DurationText.format(lifetime));
        }
    }

    private static String display(String whose) {
        return whose.startsWith("the ") ? whose : "/" + whose;
    }
}
