package dev.streamscope.app.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The fleet at one refresh, worst first ({@link FleetRow#WORST_FIRST}).
 *
 * @param at when the refresh started
 * @param trendWindow the window growth is measured over
 * @param rows at most {@link FleetEvaluator#MAX_INSTANCES}, worst first
 * @param omitted instances beyond the cap, the least bad ones, left out
 * @param queries how many queries the refresh sent (constant, whatever the fleet's size)
 * @param took how long the refresh took
 */
public record FleetSnapshot(
        Instant at, Duration trendWindow, List<FleetRow> rows, int omitted, int queries, Duration took) {

    public FleetSnapshot {
        rows = List.copyOf(rows);
    }

    public boolean anyOverdue() {
        return rows.stream().anyMatch(FleetRow::hasOverdue);
    }

    public boolean anyGrowing() {
        return rows.stream().anyMatch(FleetRow::grows);
    }
}
