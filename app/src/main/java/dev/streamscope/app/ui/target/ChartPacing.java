package dev.streamscope.app.ui.target;

import java.time.Duration;

/**
 * When a target's charts redraw: once per JVM tick, and on a channelz refresh only while no ticks come.
 *
 * <p>Why: channelz refreshes run on their own schedule, so redrawing on both would redraw every chart twice a tick
 * (each redraw decimates and paints every chart: some 9 ms a chart for a day of history). A channelz refresh's points
 * wait for the next tick instead, at most one interval. A channelz-only target, or one whose JVM side is down while its
 * channelz answers, has no ticks to wait for: its channelz refreshes redraw.
 */
final class ChartPacing {

    private final long quietNanos;
    private long lastTickNanos;
    private boolean ticked;

    /** @param interval the poll interval; ticks count as flowing until two intervals pass without one */
    ChartPacing(Duration interval) {
        this.quietNanos = interval.multipliedBy(2).toNanos();
    }

    /**
     * @param ticks whether the hand-off carries JVM ticks
     * @param channelz whether it carries channelz refreshes
     * @param nowNanos {@link System#nanoTime()}
     * @return whether to redraw the charts
     */
    boolean redraw(boolean ticks, boolean channelz, long nowNanos) {
        if (ticks) {
            ticked = true;
            lastTickNanos = nowNanos;
            return true;
        }
        return channelz && !(ticked && nowNanos - lastTickNanos < quietNanos);
    }
}
