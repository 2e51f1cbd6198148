package dev.streamscope.app.capture;

import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.settings.DurationText;
import dev.streamscope.app.target.TargetProblem;
import dev.streamscope.app.target.TargetSpec;
import dev.streamscope.app.target.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one headless capture records and where it writes.
 *
 * @param target the one target to record (JMX, channelz or both)
 * @param duration how long to record; Ctrl+C may end it earlier
 * @param interval the poll interval
 * @param outputFolder where the files go (created if missing)
 * @param force whether files already in {@code outputFolder} may be replaced; otherwise a new timestamped subfolder
 *     is used when the folder is not empty
 * @param lifetimes the --lifetime values as typed: a default form ({@code 60s}) or per-method forms
 *     ({@code /pkg.Service/Watch=1h}), interpreted by the streams analysis
 */
public record CaptureOptions(
        TargetSpec target,
        Duration duration,
        Duration interval,
        Timeouts timeouts,
        Path outputFolder,
        boolean force,
        List<String> lifetimes) {

    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(5);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public CaptureOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(outputFolder, "outputFolder");
        lifetimes = List.copyOf(lifetimes);
    }

    /**
     * The capture the command line asks for.
     *
     * @param password for --user, or null
     * @throws CaptureUsageException when a target, --out or a value is missing or malformed
     */
    public static CaptureOptions from(LaunchOptions options, char[] password) throws CaptureUsageException {
        if (!options.hasTargets()) {
            throw new CaptureUsageException(
                    "--headless needs a target: --jmx host:port, --channelz host:port, or both.");
        }
        if (options.out() == null || options.out().isBlank()) {
            throw new CaptureUsageException("--headless needs --out DIR, the folder to write the capture into.");
        }
        List<TargetSpec> targets;
        try {
            targets = options.targets(password);
        } catch (TargetProblem problem) {
            throw new CaptureUsageException(problem.getMessage());
        }
        if (targets.size() > 1) {
            throw new CaptureUsageException("--headless records one target: give at most one --jmx and one --channelz"
                    + " (they describe the same service); run one capture per service.");
        }
        for (String lifetime : options.lifetimes()) {
            checkLifetime(lifetime);
        }
        Timeouts timeouts = new Timeouts(
                options.connectTimeout() == null ? Timeouts.DEFAULT.connect() : options.connectTimeout(),
                options.callTimeout() == null ? Timeouts.DEFAULT.call() : options.callTimeout());
        return new CaptureOptions(
                targets.get(0),
                options.duration() == null ? DEFAULT_DURATION : options.duration(),
                options.interval() == null ? DEFAULT_INTERVAL : options.interval(),
                timeouts,
                Path.of(options.out().trim()),
                options.force(),
                options.lifetimes());
    }

    /**
     * The default form must be a duration; a per-method form ({@code method=duration}) is checked by the streams
     * analysis, which owns its grammar, except that its duration part must parse too.
     */
    private static void checkLifetime(String lifetime) throws CaptureUsageException {
        String text = lifetime == null ? "" : lifetime.trim();
        int equals = text.lastIndexOf('=');
        String duration = equals < 0 ? text : text.substring(equals + 1);
        if (equals == 0) {
            throw new CaptureUsageException(
                    "--lifetime '" + lifetime + "' names no method; write 60s, or /pkg.Service/Method=60s.");
        }
        try {
            if (DurationText.parse(duration).isZero()) {
                throw new CaptureUsageException("--lifetime '" + lifetime + "': a lifetime of zero makes every stream"
                        + " overdue; give a positive duration such as 60s.");
            }
        } catch (IllegalArgumentException e) {
            throw new CaptureUsageException("--lifetime: " + e.getMessage());
        }
    }
}
