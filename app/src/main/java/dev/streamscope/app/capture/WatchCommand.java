package dev.streamscope.app.capture;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.watch.TriggerKind;
import dev.streamscope.app.watch.Watch;
import dev.streamscope.app.watch.WatchOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * {@code --headless --watch}: builds the watch's options from the command line (the target, deadlines and lifetimes as
 * a capture reads them), installs a hook that ends the watch on Ctrl+C or SIGTERM and waits for its files, runs it.
 */
public final class WatchCommand {

    static final Duration MIN_KEEP = Duration.ofMinutes(1);
    static final Duration MAX_KEEP = Duration.ofHours(24);

    /** How long SIGTERM waits for the open incidents and the kept history to be written. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(90);

    private WatchCommand() {}

    /** @return the verdict's exit status at the end, 64 for bad arguments, 1 when files could not be written */
    public static int run(LaunchOptions launchOptions, PrintStream out, PrintStream err) {
        WatchOptions options;
        try {
            options = options(launchOptions);
        } catch (CaptureUsageException e) {
            err.println("streamscope: " + e.getMessage());
            return Verdict.USAGE_EXIT_STATUS;
        }
        Watch watch = new Watch(options, out, JvmConnections::open, Clock.systemUTC());
        Thread hook = new Thread(
                () -> {
                    watch.stop();
                    try {
                        if (watch.awaitFinished(SHUTDOWN_WAIT)) {
                            Runtime.getRuntime().halt(watch.exitStatus());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "streamscope-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return watch.run().verdict().exitStatus();
        } catch (IOException e) {
            err.println("streamscope: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("streamscope: the watch failed: " + e);
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // SIGTERM: the hook is running and ends the JVM with the verdict's status
            }
        }
    }

    /**
     * The watch the command line asks for.
     *
     * @throws CaptureUsageException naming the option that is wrong and what to give instead
     */
    static WatchOptions options(LaunchOptions launchOptions) throws CaptureUsageException {
        if (launchOptions.duration() != null) {
            throw new CaptureUsageException(
                    "--watch runs until Ctrl+C or SIGTERM; --duration is for a capture. Give" + " one or the other.");
        }
        String password = System.getenv("STREAMSCOPE_JMX_PASSWORD");
        CaptureOptions capture = CaptureOptions.from(launchOptions, password == null ? null : password.toCharArray());
        Duration keep = orDefault(launchOptions.keep(), WatchOptions.DEFAULT_KEEP);
        if (keep.compareTo(MIN_KEEP) < 0 || keep.compareTo(MAX_KEEP) > 0) {
            throw new CaptureUsageException("--keep must be from " + DurationText.format(MIN_KEEP) + " to "
                    + DurationText.format(MAX_KEEP) + "; got " + DurationText.format(keep));
        }
        Duration after = orDefault(launchOptions.after(), WatchOptions.DEFAULT_AFTER);
        if (after.compareTo(keep) > 0) {
            throw new CaptureUsageException("--after (" + DurationText.format(after) + ") must be at most --keep ("
                    + DurationText.format(keep) + "): an incident's recording is the kept history");
        }
        Set<TriggerKind> triggers;
        try {
            triggers = launchOptions.trigger() == null
                    ? TriggerKind.triggerable()
                    : TriggerKind.parse(launchOptions.trigger());
        } catch (IllegalArgumentException e) {
            throw new CaptureUsageException("--trigger: " + e.getMessage());
        }
        int maxIncidents = launchOptions.maxIncidents() == null
                ? WatchOptions.DEFAULT_MAX_INCIDENTS
                : launchOptions.maxIncidents();
        if (maxIncidents < 1) {
            throw new CaptureUsageException("--max-incidents must be at least 1; got " + maxIncidents);
        }
        String onIncident = launchOptions.onIncident();
        if (onIncident != null && onIncident.isBlank()) {
            throw new CaptureUsageException("--on-incident needs a command, e.g. --on-incident ./page-me.sh");
        }
        return new WatchOptions(
                capture.target(),
                capture.demo(),
                capture.demoLeakAfter(),
                capture.interval(),
                capture.timeouts(),
                capture.outputFolder(),
                capture.lifetime(),
                capture.trendWindow(),
                capture.histogram() == null ? HistogramMode.ALL : capture.histogram(),
                capture.histogramDeadline(),
                keep,
                triggers,
                orDefault(launchOptions.fullWithin(), WatchOptions.DEFAULT_FULL_WITHIN),
                after,
                orDefault(launchOptions.cooldown(), WatchOptions.DEFAULT_COOLDOWN),
                maxIncidents,
                onIncident,
                WatchOptions.ON_INCIDENT_DEADLINE,
                WatchOptions.PROGRESS_EVERY);
    }

    /** The watch's options given without --watch: they would be ignored silently otherwise. */
    public static String misplaced(LaunchOptions options) {
        if (options.watch()) {
            return null;
        }
        if (options.keep() != null
                || options.trigger() != null
                || options.fullWithin() != null
                || options.after() != null
                || options.cooldown() != null
                || options.maxIncidents() != null
                || options.onIncident() != null) {
            return "--keep, --trigger, --full-within, --after, --cooldown, --max-incidents and --on-incident are for"
                    + " a watch: add --headless --watch.";
        }
        return null;
    }

    private static Duration orDefault(Duration given, Duration fallback) {
        return given == null ? fallback : given;
    }
}
