package dev.streamscope.app.chart;

import dev.streamscope.app.base.ClockText;
import dev.streamscope.app.streams.GrowingConnection;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;

/**
 * Marks, on the open-streams chart, the connections whose open streams climb ({@code StreamGrowth}, from channelz): a
 * dashed line where each one's climb began, labelled with the connection and its rate, fastest first and at most {@link
 * #MAX_MARKED}. Nothing at all when nothing grows.
 */
final class GrowthMarkers implements ChartOverlay {

    /** More labels would hide the lines they explain; the Streams tab lists every growing connection. */
    static final int MAX_MARKED = 3;

    private final Supplier<Growth> growth;
    private final DateTimeFormatter clock;
    private final List<ValueMarker> shown = new ArrayList<>();

    /**
     * The growing connections and when they were judged.
     *
     * @param connections fastest first
     * @param judgedAt the channelz snapshot they were judged on; null before the first
     */
    record Growth(List<GrowingConnection> connections, Instant judgedAt) {

        Growth {
            connections = List.copyOf(connections);
        }
    }

    GrowthMarkers(Supplier<Growth> growth, ZoneId zone) {
        this.growth = growth;
        this.clock = ClockText.formatter(zone);
    }

    @Override
    public void refresh(XYPlot plot, long fromEpochMillis, long toEpochMillis) {
        for (ValueMarker marker : shown) {
            plot.removeDomainMarker(0, marker, Layer.FOREGROUND, false);
        }
        shown.clear();
        Growth now = growth.get();
        if (now.judgedAt() == null) {
            return;
        }
        List<GrowingConnection> connections = now.connections();
        int marked = Math.min(MAX_MARKED, connections.size());
        for (int index = 0; index < marked; index++) {
            GrowingConnection connection = connections.get(index);
            long since = connection.climbingSince() != null
                    ? connection.climbingSince().toEpochMilli()
                    : now.judgedAt().toEpochMilli() - connection.forSeconds() * 1_000;
            if (since > toEpochMillis) {
                continue;
            }
            String label = label(connection);
            if (since < fromEpochMillis) {
                // began before the window: the line stands at its left edge and the label says since when
                label += " since " + clock.format(Instant.ofEpochMilli(since));
            }
            if (index == marked - 1 && connections.size() > marked) {
                label += " · " + (connections.size() - marked) + " more growing";
            }
            long at = Math.max(since, fromEpochMillis);
            ValueMarker marker = new ValueMarker(at, ChartStyle.WARNING, ChartStyle.MARKER_STROKE);
            marker.setLabel(label);
            // the label reads away from the nearer edge, so a late start does not push it off the chart
            boolean late = at - fromEpochMillis > (toEpochMillis - fromEpochMillis) / 2;
            marker.setLabelAnchor(late ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(late ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
            plot.addDomainMarker(0, marker, Layer.FOREGROUND, false);
            shown.add(marker);
        }
        ChartStyle.styleOverlays(plot);
    }

    /** "↗ 127.0.0.1:52044 → 127.0.0.1:37411 +1,200/min". */
    static String label(GrowingConnection connection) {
        return String.format(Locale.ROOT, "↗ %s +%,.0f/min", connection.socket(), connection.perMinute());
    }
}
