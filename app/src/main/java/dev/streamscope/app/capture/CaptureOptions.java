package dev.streamscope.app.capture;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.streams.StreamGrowth;
import dev.streamscope.app.threads.ThreadRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one headless capture records and where it writes.
 *
 * @param target the one target to record (JMX, channelz or both); null with {@code demo}, whose addresses are known
 *     only once it runs
 * @param duration how long to record; Ctrl+C may end it earlier
 * @param interval the poll interval
 * @param outputFolder where the files go (created if missing)
 * @param force whether files already in {@code outputFolder} may be replaced; otherwise a new timestamped subfolder
 *     is used when the folder is not empty
 * @param lifetime the stream lifetimes from --lifetime (a default such as {@code 60s} and per-method forms such as
 *     {@code /pkg.Service/Watch=1h}), 60 s when none were given
 * @param trendWindow over how long open streams must climb on a connection to count as growing (--trend-window)
 * @param histogram which class histograms to take at the start and the end (--histogram), or null for none
 * @param histogramDeadline how long each histogram may take (--histogram-deadline)
 * @param threads whether to dump threads every {@link ThreadRules#SAMPLE_INTERVAL} and once at the end (--threads)
 * @param demoLeakAfter with {@code demo}: how long the demo runs healthy before it leaks (--demo-leak-after)
 */
public record CaptureOptions(
        TargetSpec target,
        Duration duration,
        Duration interval,
        Timeouts timeouts,
        Path outputFolder,
        boolean force,
        LifetimePolicy lifetime,
        boolean demo,
        Duration trendWindow,
        HistogramMode histogram,
        Duration histogramDeadline,
        boolean threads,
        Duration demoLeakAfter) {

    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(5);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public CaptureOptions {
        if ((target == null) != demo) {
            throw new IllegalArgumentException("a capture records either the demo or a given target");
        }
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(outputFolder, "outputFolder");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(trendWindow, "trendWindow");
        Objects.requireNonNull(histogramDeadline, "histogramDeadline");
        Objects.requireNonNull(demoLeakAfter, "demoLeakAfter");
        if (histogram != null && !demo && target.jmx() == null) {
            throw new IllegalArgumentException("a class histogram needs a JVM over JMX");
        }
        if (threads && !demo && target.jmx() == null) {
            throw new IllegalArgumentException("thread dumps need a JVM over JMX");
        }
    }

    /** A capture whose demo, if any, leaks from the start. */
    public CaptureOptions(
            TargetSpec target,
            Duration duration,
            Duration interval,
            Timeouts timeouts,
            Path outputFolder,
            boolean force,
            LifetimePolicy lifetime,
            boolean demo,
            Duration trendWindow,
            HistogramMode histogram,
            Duration histogramDeadline,
            boolean threads) {
        this(
                target,
                duration,
                interval,
                timeouts,
                outputFolder,
                force,
                lifetime,
                demo,
                trendWindow,
                histogram,
                histogramDeadline,
                threads,
                Duration.ZERO);
    }

    /** A capture that dumps no threads. */
    public CaptureOptions(
            TargetSpec target,
            Duration duration,
            Duration interval,
            Timeouts timeouts,
            Path outputFolder,
            boolean force,
            LifetimePolicy lifetime,
            boolean demo,
            Duration trendWindow,
            HistogramMode histogram,
            Duration histogramDeadline) {
        this(
                target,
                duration,
                interval,
                timeouts,
                outputFolder,
                force,
                lifetime,
                demo,
                trendWindow,
                histogram,
                histogramDeadline,
                false);
    }

    /** A capture that takes no class histogram. */
    public CaptureOptions(
            TargetSpec target,
            Duration duration,
            Duration interval,
            Timeouts timeouts,
            Path outputFolder,
            boolean force,
            LifetimePolicy lifetime,
            boolean demo,
            Duration trendWindow) {
        this(
                target,
                duration,
                interval,
                timeouts,
                outputFolder,
                force,
                lifetime,
                demo,
                trendWindow,
                null,
                LaunchOptions.DEFAULT_HISTOGRAM_DEADLINE);
    }

    /** A capture with the default trend window. */
    public CaptureOptions(
            TargetSpec target,
            Duration duration,
            Duration interval,
            Timeouts timeouts,
            Path outputFolder,
            boolean force,
            LifetimePolicy lifetime,
            boolean demo) {
        this(target, duration, interval, timeouts, outputFolder, force, lifetime, demo, StreamGrowth.DEFAULT_WINDOW);
    }

    /**
     * The capture the command line asks for.
     *
     * @param password for --user, or null
     * @throws CaptureUsageException when a target, --out or a value is missing or malformed
     */
    public static CaptureOptions from(LaunchOptions options, char[] password) throws CaptureUsageException {
        if (options.demoRequested() && options.hasTargets()) {
            throw new CaptureUsageException("--headless records one target: either --demo (the embedded demo) or"
                    + " --jmx/--channelz (a running service), not both.");
        }
        if (!options.hasTargets() && !options.demoRequested()) {
            throw new CaptureUsageException("--headless needs a target: --jmx host:port or --jolokia URL, --channelz"
                    + " host:port, or both; or --demo to record the embedded demo target.");
        }
        if (options.out() == null || options.out().isBlank()) {
            throw new CaptureUsageException("--headless needs --out DIR, the folder to write the capture into.");
        }
        List<TargetSpec> targets;
        try {
            targets = options.demoRequested() ? List.of() : options.targets(password);
        } catch (TargetProblem problem) {
            throw new CaptureUsageException(problem.getMessage());
        }
        if (targets.size() > 1) {
            throw new CaptureUsageException(
                    "--headless records one target: give at most one --jmx or --jolokia and one --channelz"
                            + " (they describe the same service); run one capture per service.");
        }
        LifetimePolicy lifetime;
        try {
            lifetime = options.lifetime() == null ? LifetimePolicy.DEFAULT : options.lifetime();
        } catch (IllegalArgumentException e) {
            throw new CaptureUsageException("--lifetime: " + e.getMessage());
        }
        boolean jvm = options.demoRequested() || targets.get(0).jmx() != null;
        if (options.histogram() != null && !jvm) {
            throw new CaptureUsageException("--histogram takes class histograms of a JVM: give --jmx host:port or"
                    + " --jolokia URL (or --demo); a channelz-only target has no heap to count.");
        }
        if (options.histogramDeadline() != null && options.histogram() == null) {
            throw new CaptureUsageException("--histogram-deadline bounds the histograms --histogram takes: give"
                    + " --histogram live or --histogram all too.");
        }
        if (options.threads() && !jvm) {
            throw new CaptureUsageException("--threads dumps the threads of a JVM: give --jmx host:port or --jolokia"
                    + " URL (or --demo); a channelz-only target has no threads to read.");
        }
        Timeouts timeouts = new Timeouts(
                options.connectTimeout() == null ? Timeouts.DEFAULT.connect() : options.connectTimeout(),
                options.callTimeout() == null ? Timeouts.DEFAULT.call() : options.callTimeout());
        return new CaptureOptions(
                targets.isEmpty() ? null : targets.get(0),
                options.duration() == null ? DEFAULT_DURATION : options.duration(),
                options.interval() == null ? DEFAULT_INTERVAL : options.interval(),
                timeouts,
                Path.of(options.out().trim()),
                options.force(),
                lifetime,
                targets.isEmpty(),
                options.trendWindowOrDefault(),
                options.histogram(),
                options.histogramDeadline() == null
                        ? LaunchOptions.DEFAULT_HISTOGRAM_DEADLINE
                        : options.histogramDeadline(),
                options.threads(),
                options.demoLeakAfter());
    }
}
