package dev.streamscope.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How often the bridge records where a stream was opened: the first {@link #alwaysFirst()} streams of each method
 * always, then one in {@link #sampleEvery()} at random; and which frames are plumbing rather than the application.
 * Immutable; the defaults come from system properties (see {@link #fromSystemProperties()}).
 *
 * <p>Why sample: finding the application frame walks the caller's stack, a few microseconds, while the rest of the
 * tracking path costs under 100 ns. A leaking line opens streams again and again, so a sample finds it; the first
 * streams of each method are always recorded so that rare methods get a site too.
 */
public final class SiteSampling {
    /** System property: streams of each method always recorded, default {@value #DEFAULT_ALWAYS_FIRST}. */
    public static final String ALWAYS_FIRST_PROPERTY = "streamscope.bridge.sites.alwaysFirst";
    /** System property: then one stream in this many, default {@value #DEFAULT_SAMPLE_EVERY}; 0 records no more. */
    public static final String SAMPLE_EVERY_PROPERTY = "streamscope.bridge.sites.sampleEvery";
    /** System property: more class-name prefixes to skip, comma-separated (added to the defaults). */
    public static final String SKIP_PROPERTY = "streamscope.bridge.sites.skip";

    public static final int DEFAULT_ALWAYS_FIRST = 16;
    /**
     * Chosen by measurement (docs/bridge.md, "Costs"): a walk takes 8 µs on a quiet 2-core machine and about 20
     * µs on a loaded one, and allocates about 1.8 KB. One in 256 then cost up to 75 ns a call, too close to the 100 ns
     * budget; one in 1,024 costs about 20 ns and 2 B, and a leak of thousands of streams still gets sampled many times.
     */
    public static final int DEFAULT_SAMPLE_EVERY = 1024;

    /** gRPC, the JDK and the async plumbing a call may start from; the bridge's own frames are skipped always. */
    public static final List<String> DEFAULT_SKIPPED_PREFIXES = List.of(
            "io.grpc.",
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.",
            "io.netty.",
            "kotlin.coroutines.",
            "kotlinx.coroutines.",
            "reactor.",
            "io.reactivex.",
            "rx.",
            "scala.concurrent.",
            "akka.",
            "org.apache.pekko.",
            "com.google.common.util.concurrent.",
            "io.opentelemetry.",
            "brave.",
            "io.micrometer.");

    /** How deep a walk looks for the application frame: past it the site is the deepest frame seen. */
    static final int MAX_DEPTH = 64;
    /** Frames kept for the view, from the application frame towards its callers. */
    static final int KEPT_FRAMES = 8;

    private final int alwaysFirst;
    private final int sampleEvery;
    private final List<String> skippedPrefixes;

    private SiteSampling(int alwaysFirst, int sampleEvery, List<String> skippedPrefixes) {
        if (alwaysFirst < 0 || sampleEvery < 0) {
            throw new IllegalArgumentException(
                    "alwaysFirst and sampleEvery must not be negative, were " + alwaysFirst + " and " + sampleEvery);
        }
        this.alwaysFirst = alwaysFirst;
        this.sampleEvery = sampleEvery;
        this.skippedPrefixes = Collections.unmodifiableList(new ArrayList<>(skippedPrefixes));
    }

    /** The defaults, without looking at system properties. */
    public static SiteSampling defaults() {
        return new SiteSampling(DEFAULT_ALWAYS_FIRST, DEFAULT_SAMPLE_EVERY, DEFAULT_SKIPPED_PREFIXES);
    }

    /** Records no site: every stream counts in its method's {@link SiteKind#NOT_SAMPLED} group. */
    public static SiteSampling off() {
        return new SiteSampling(0, 0, DEFAULT_SKIPPED_PREFIXES);
    }

    /**
     * The defaults overridden by {@value #ALWAYS_FIRST_PROPERTY}, {@value #SAMPLE_EVERY_PROPERTY} and
     * {@value #SKIP_PROPERTY}; a value that is not a number, or negative, keeps the default (the bridge must not fail
     * the service over a typo).
     */
    public static SiteSampling fromSystemProperties() {
        List<String> skipped = new ArrayList<>(DEFAULT_SKIPPED_PREFIXES);
        String extra = System.getProperty(SKIP_PROPERTY, "");
        for (String prefix : extra.split(",")) {
            if (!prefix.isBlank()) {
                skipped.add(prefix.strip());
            }
        }
        return new SiteSampling(
                count(ALWAYS_FIRST_PROPERTY, DEFAULT_ALWAYS_FIRST),
                count(SAMPLE_EVERY_PROPERTY, DEFAULT_SAMPLE_EVERY),
                skipped);
    }

    private static int count(String property, int fallback) {
        try {
            int value = Integer.parseInt(
                    System.getProperty(property, String.valueOf(fallback)).strip());
            return value < 0 ? fallback : value;
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }

    /** With the first {@code streams} of each method always recorded. */
    public SiteSampling withAlwaysFirst(int streams) {
        return new SiteSampling(streams, sampleEvery, skippedPrefixes);
    }

    /** Then one stream in {@code streams} (1: every stream, 0: none after the first ones). */
    public SiteSampling withSampleEvery(int streams) {
        return new SiteSampling(alwaysFirst, streams, skippedPrefixes);
    }

    /** With these class-name prefixes skipped too, e.g. your own interceptors' package ({@code "com.acme.rpc."}). */
    public SiteSampling withSkipped(String... prefixes) {
        List<String> skipped = new ArrayList<>(skippedPrefixes);
        skipped.addAll(Arrays.asList(prefixes));
        return new SiteSampling(alwaysFirst, sampleEvery, skipped);
    }

    /** With exactly these class-name prefixes skipped, instead of the defaults. */
    public SiteSampling withOnlySkipped(List<String> prefixes) {
        return new SiteSampling(alwaysFirst, sampleEvery, prefixes);
    }

    public int alwaysFirst() {
        return alwaysFirst;
    }

    public int sampleEvery() {
        return sampleEvery;
    }

    public List<String> skippedPrefixes() {
        return skippedPrefixes;
    }

    /** Whether a frame of this class is plumbing rather than the application. */
    boolean skips(String className) {
        for (int i = 0; i < skippedPrefixes.size(); i++) {
            if (className.startsWith(skippedPrefixes.get(i))) {
                return true;
            }
        }
        // grpc-java's generated stubs (FooGrpc$FooStub, …BlockingStub, …FutureStub) live in the application's package.
        int nested = className.indexOf('$');
        return nested > 4 && className.startsWith("Grpc", nested - 4) && className.endsWith("Stub");
    }

    @Override
    public String toString() {
        return "SiteSampling[alwaysFirst=" + alwaysFirst + ", sampleEvery=" + sampleEvery + ", skipped="
                + skippedPrefixes + "]";
    }
}
