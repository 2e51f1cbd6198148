package dev.streamscope.app.watch;

import dev.streamscope.app.base.SizeText;
import dev.streamscope.app.live.RecordingView;
import dev.streamscope.app.recording.StreamsReports;
import dev.streamscope.app.recording.StreamsState;
import dev.streamscope.app.streams.GrowingConnection;
import dev.streamscope.app.streams.LiveSetTrend;
import dev.streamscope.app.streams.LiveSetTrend.LiveSetEstimate;
import dev.streamscope.app.threads.FindingKind;
import dev.streamscope.app.threads.ThreadFinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which triggers fire on a recording's latest view: the same evidence the verdict and the window use, nothing new.
 * A trigger fires while its evidence holds; {@link IncidentBook} decides whether that makes an incident.
 */
public final class Triggers {

    /** Thread findings that prove calls wait: a pool busy to its size can be a good day. */
    private static final Set<FindingKind> THREAD_TROUBLE =
            Set.of(FindingKind.BLOCKED_EVENT_LOOP, FindingKind.STUCK_BLOCKING_CALL, FindingKind.DEADLOCK);

    private final Set<TriggerKind> enabled;
    private final Duration fullWithin;

    /**
     * @param enabled the triggers --trigger turned on
     * @param fullWithin the live-set trigger fires when the old generation is projected full sooner than this
     */
    public Triggers(Set<TriggerKind> enabled, Duration fullWithin) {
        this.enabled = Set.copyOf(enabled);
        this.fullWithin = fullWithin;
    }

    public Set<TriggerKind> enabled() {
        return enabled;
    }

    /**
     * The evidence that holds in {@code view} at {@code now}, one entry per firing trigger.
     *
     * @param liveSet the recording's live-set estimate, or null when it could not be read this time
     */
    public List<Evidence> evaluate(RecordingView view, LiveSetEstimate liveSet, Instant now) {
        List<Evidence> firing = new ArrayList<>();
        StreamsState streams = view.streams();
        if (enabled.contains(TriggerKind.GROWING) && streams.growingFound()) {
            GrowingConnection first = streams.growing().get(0);
            String more =
                    streams.growing().size() > 1 ? " and " + (streams.growing().size() - 1) + " more connections" : "";
            firing.add(new Evidence(
                    TriggerKind.GROWING,
                    now,
                    "open streams growing " + first.summary() + " on " + first.socket() + more));
        }
        if (enabled.contains(TriggerKind.OVERDUE) && StreamsReports.of(streams).overdueFound()) {
            firing.add(new Evidence(
                    TriggerKind.OVERDUE,
                    now,
                    StreamsState.describe(streams.overdue()) + " streams overdue: " + streams.summary()));
        }
        if (enabled.contains(TriggerKind.LIVE_SET) && liveSet != null && fillsWithin(liveSet.trend(), now)) {
            LiveSetTrend trend = liveSet.trend();
            firing.add(new Evidence(
                    TriggerKind.LIVE_SET,
                    now,
                    String.format(
                            Locale.ROOT,
                            "live set +%s/min over %d collections (R² %.2f), old generation %s",
                            SizeText.mebibytes(trend.slopeBytesPerMinute()),
                            trend.points(),
                            trend.r2(),
                            trend.projection(now))));
        }
        if (enabled.contains(TriggerKind.THREADS)) {
            for (ThreadFinding finding : view.threads().active()) {
                if (THREAD_TROUBLE.contains(finding.kind())) {
                    firing.add(new Evidence(
                            TriggerKind.THREADS, now, finding.kind().title() + ": " + finding.subject()));
                    break;
                }
            }
        }
        return firing;
    }

    private boolean fillsWithin(LiveSetTrend trend, Instant now) {
        return trend != null
                && trend.flagged()
                && trend.projectedFullAt() != null
                && !trend.projectedFullAt().isAfter(now.plus(fullWithin));
    }
}
