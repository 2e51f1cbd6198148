package dev.streamscope.app.watch;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.session.TargetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What one watch records, what starts an incident and what an incident holds.
 *
 * @param target the target (JMX, channelz or both); null with {@code demo}
 * @param demoLeakAfter with {@code demo}: how long the demo runs healthy before it leaks
 * @param out where watch.log, the incident folders and the recording at the end go
 * @param histogram which class histograms an incident takes of a JVM target (all unless --histogram live)
 * @param keep how much history the watch keeps (--keep)
 * @param triggers the triggers turned on (--trigger)
 * @param fullWithin the live-set trigger's horizon (--full-within)
 * @param after how long an incident records after its trigger (--after)
 * @param cooldown a trigger kind opens or joins at most one incident per this (--cooldown)
 * @param maxIncidents the most incident folders in {@code out} (--max-incidents)
 * @param onIncident the command run with each incident folder (--on-incident), or null
 * @param onIncidentDeadline how long that command may run
 * @param progressEvery how often a progress line goes out
 */
public record WatchOptions(
        TargetSpec target,
        boolean demo,
        Duration demoLeakAfter,
        Duration interval,
        Timeouts timeouts,
        Path out,
        LifetimePolicy lifetime,
        Duration trendWindow,
        HistogramMode histogram,
        Duration histogramDeadline,
        Duration keep,
        Set<TriggerKind> triggers,
        Duration fullWithin,
        Duration after,
        Duration cooldown,
        int maxIncidents,
        String onIncident,
        Duration onIncidentDeadline,
        Duration progressEvery) {

    public static final Duration DEFAULT_KEEP = Duration.ofHours(1);
    public static final Duration DEFAULT_FULL_WITHIN = Duration.ofHours(2);
    public static final Duration DEFAULT_AFTER = Duration.ofMinutes(5);
    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(30);
    public static final int DEFAULT_MAX_INCIDENTS = 20;
    public static final Duration ON_INCIDENT_DEADLINE = Duration.ofSeconds(60);
    public static final Duration PROGRESS_EVERY = Duration.ofMinutes(1);
    /** As long as the window's histogram page waits by default. */
    public static final Duration TAB_HISTOGRAM_DEADLINE = Duration.ofMinutes(2);

    public WatchOptions {
        if ((target == null) != demo) {
            throw new IllegalArgumentException("a watch records either the demo or a given target");
        }
        Objects.requireNonNull(demoLeakAfter, "demoLeakAfter");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(trendWindow, "trendWindow");
        Objects.requireNonNull(histogram, "histogram");
        Objects.requireNonNull(histogramDeadline, "histogramDeadline");
        Objects.requireNonNull(keep, "keep");
        triggers = Set.copyOf(triggers);
        Objects.requireNonNull(fullWithin, "fullWithin");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(onIncidentDeadline, "onIncidentDeadline");
        Objects.requireNonNull(progressEvery, "progressEvery");
        if (maxIncidents < 1) {
            throw new IllegalArgumentException("maxIncidents must be at least 1, was " + maxIncidents);
        }
        if (keep.compareTo(after) < 0) {
            throw new IllegalArgumentException(
                    "--keep must be at least --after: an incident's recording is the kept" + " history");
        }
    }

    /**
     * A window tab's watch: every trigger and the command line's defaults, no command, its folders in {@code out}.
     */
    public static WatchOptions forTab(
            TargetSpec target,
            Duration interval,
            Timeouts timeouts,
            Path out,
            LifetimePolicy lifetime,
            Duration trendWindow) {
        return new WatchOptions(
                target,
                false,
                Duration.ZERO,
                interval,
                timeouts,
                out,
                lifetime,
                trendWindow,
                HistogramMode.ALL,
                TAB_HISTOGRAM_DEADLINE,
                DEFAULT_KEEP,
                TriggerKind.triggerable(),
                DEFAULT_FULL_WITHIN,
                DEFAULT_AFTER,
                DEFAULT_COOLDOWN,
                DEFAULT_MAX_INCIDENTS,
                null,
                ON_INCIDENT_DEADLINE,
                PROGRESS_EVERY);
    }

    /** Whether the target has a JVM side: histograms and thread dumps need one. */
    public boolean hasJvm() {
        return demo || target.jmx() != null;
    }

    /** Whether it has a channelz side. */
    public boolean hasChannelz() {
        return demo || target.channelz() != null;
    }
}
