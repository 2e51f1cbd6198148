package dev.streamscope.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How often the bridge records where a stream was opened: the first {@link #alwaysFirst()} streams of each method
 * always, then by rate, at most {@link #perMethodRate()} stack walks a second for each method and
 * {@link #processRate()} for the whole bridge (token buckets); and which frames are plumbing rather than the
 * application. Immutable; the defaults come from system properties (see {@link #fromSystemProperties()}).
 *
 * <p>Why by rate: finding the application frame walks the caller's stack, about 10 µs, while the rest of the tracking
 * path costs about 100 ns. A fixed ratio starves the case that matters, a slow leak (tens of streams a second) next to
 * fast healthy traffic; a rate gives a slow method most of its streams and bounds what a fast one costs. Each sampled
 * stream carries its weight (itself and the method's unsampled streams since the previous sample), so a site reports
 * estimated counts next to the sampled ones. The one-in-K ratio of earlier versions ({@link #withSampleEvery}) still
 * works, on top of the rate.
 */
public final class SiteSampling {
    /** System property: streams of each method always recorded, default {@value #DEFAULT_ALWAYS_FIRST}. */
    public static final String ALWAYS_FIRST_PROPERTY = "streamscope.bridge.sites.alwaysFirst";
    /**
     * System property: besides the rate, one stream in this many at random; default 0, none.
     *
     * @deprecated use {@link #PER_METHOD_RATE_PROPERTY} and {@link #PROCESS_RATE_PROPERTY}
     */
    @Deprecated
    public static final String SAMPLE_EVERY_PROPERTY = "streamscope.bridge.sites.sampleEvery";
    /** System property: stack walks a second for each method, default {@value #DEFAULT_PER_METHOD_RATE}; 0: none. */
    public static final String PER_METHOD_RATE_PROPERTY = "streamscope.bridge.sites.perMethodRate";
    /** System property: stack walks a second for the whole bridge, default {@value #DEFAULT_PROCESS_RATE}; 0: none. */
    public static final String PROCESS_RATE_PROPERTY = "streamscope.bridge.sites.processRate";
    /** System property: more class-name prefixes to skip, comma-separated (added to the defaults). */
    public static final String SKIP_PROPERTY = "streamscope.bridge.sites.skip";

    public static final int DEFAULT_ALWAYS_FIRST = 16;
    /**
     * No ratio by default: sampling is by rate. Earlier versions sampled one in 1,024, which gave a slow leak next to
     * fast traffic almost no samples (issue 21).
     *
     * @deprecated sampling is by rate ({@link #DEFAULT_PER_METHOD_RATE}, {@link #DEFAULT_PROCESS_RATE})
     */
    @Deprecated
    public static final int DEFAULT_SAMPLE_EVERY = 0;
    /**
     * Chosen by measurement (docs/bridge.md, "Costs"): a walk takes 8 µs on a quiet machine and up to 20 µs on a
     * loaded one, with about 1.8 KB of garbage; 100 walks a second for the process are at most 2 ms of CPU a second
     * (0.2 % of a core), and 10 a second for a method sample most streams of a slow leak.
     */
    public static final int DEFAULT_PER_METHOD_RATE = 10;
    /** See {@link #DEFAULT_PER_METHOD_RATE}. */
    public static final int DEFAULT_PROCESS_RATE = 100;

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
    private final int perMethodRate;
    private final int processRate;
    /** The rates as the token buckets take them, computed once rather than on every call. */
    final long perMethodIntervalMicros;

    final long processIntervalMicros;
    private final List<String> skippedPrefixes;

    private SiteSampling(
            int alwaysFirst, int sampleEvery, int perMethodRate, int processRate, List<String> skippedPrefixes) {
        if (alwaysFirst < 0 || sampleEvery < 0 || perMethodRate < 0 || processRate < 0) {
            throw new IllegalArgumentException("alwaysFirst, sampleEvery, perMethodRate and processRate must not be"
                    + " negative, were " + alwaysFirst + ", " + sampleEvery + ", " + perMethodRate + " and "
                    + processRate);
        }
        this.alwaysFirst = alwaysFirst;
        this.sampleEvery = sampleEvery;
        this.perMethodRate = perMethodRate;
        this.processRate = processRate;
        this.perMethodIntervalMicros = WalkBudget.intervalMicros(perMethodRate);
        this.processIntervalMicros = WalkBudget.intervalMicros(processRate);
        this.skippedPrefixes = Collections.unmodifiableList(new ArrayList<>(skippedPrefixes));
    }

    /** The defaults, without looking at system properties. */
    public static SiteSampling defaults() {
        return new SiteSampling(
                DEFAULT_ALWAYS_FIRST,
                DEFAULT_SAMPLE_EVERY,
                DEFAULT_PER_METHOD_RATE,
                DEFAULT_PROCESS_RATE,
                DEFAULT_SKIPPED_PREFIXES);
    }

    /** Records no site: every stream counts in its method's {@link SiteKind#NOT_SAMPLED} group. */
    public static SiteSampling off() {
        return new SiteSampling(0, 0, 0, 0, DEFAULT_SKIPPED_PREFIXES);
    }

    /**
     * The defaults overridden by {@value #ALWAYS_FIRST_PROPERTY}, {@value #PER_METHOD_RATE_PROPERTY},
     * {@value #PROCESS_RATE_PROPERTY}, {@value #SAMPLE_EVERY_PROPERTY} and {@value #SKIP_PROPERTY}; a value that is
     * not a number, or negative, keeps the default (the bridge must not fail the service over a typo).
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
                count(PER_METHOD_RATE_PROPERTY, DEFAULT_PER_METHOD_RATE),
                count(PROCESS_RATE_PROPERTY, DEFAULT_PROCESS_RATE),
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
        return new SiteSampling(streams, sampleEvery, perMethodRate, processRate, skippedPrefixes);
    }

    /**
     * Besides the rate, one stream in {@code streams} at random (1: every stream, 0: none by ratio, the default).
     *
     * @deprecated a ratio starves a slow leak next to fast traffic; use {@link #withPerMethodRate} and
     *     {@link #withProcessRate}. {@code withSampleEvery(1)} (every stream) keeps working.
     */
    @Deprecated
    public SiteSampling withSampleEvery(int streams) {
        return new SiteSampling(alwaysFirst, streams, perMethodRate, processRate, skippedPrefixes);
    }

    /** At most {@code walksPerSecond} stack walks a second for each method (0: none by rate). */
    public SiteSampling withPerMethodRate(int walksPerSecond) {
        return new SiteSampling(alwaysFirst, sampleEvery, walksPerSecond, processRate, skippedPrefixes);
    }

    /** At most {@code walksPerSecond} stack walks a second for the whole bridge, all methods together (0: none). */
    public SiteSampling withProcessRate(int walksPerSecond) {
        return new SiteSampling(alwaysFirst, sampleEvery, perMethodRate, walksPerSecond, skippedPrefixes);
    }

    /** With these class-name prefixes skipped too, e.g. your own interceptors' package ({@code "com.acme.rpc."}). */
    public SiteSampling withSkipped(String... prefixes) {
        List<String> skipped = new ArrayList<>(skippedPrefixes);
        skipped.addAll(Arrays.asList(prefixes));
        return new SiteSampling(alwaysFirst, sampleEvery, perMethodRate, processRate, skipped);
    }

    /** With exactly these class-name prefixes skipped, instead of the defaults. */
    public SiteSampling withOnlySkipped(List<String> prefixes) {
        return new SiteSampling(alwaysFirst, sampleEvery, perMethodRate, processRate, prefixes);
    }

    public int alwaysFirst() {
        return alwaysFirst;
    }

    /** One stream in this many besides the rate; 0, the default, when sampling is by rate only. */
    public int sampleEvery() {
        return sampleEvery;
    }

    public int perMethodRate() {
        return perMethodRate;
    }

    public int processRate() {
        return processRate;
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
        return "SiteSampling[alwaysFirst=" + alwaysFirst + ", sampleEvery=" + sampleEvery + ", perMethodRate="
                + perMethodRate + ", processRate=" + processRate + ", skipped="
                + skippedPrefixes + "]";
    }
}
