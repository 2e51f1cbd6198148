package dev.streamscope.app.series;

/**
 * Reduces the points of a series inside a time window to what a chart of a given pixel width can show: per pixel
 * column, the lowest and the highest value, in time order, plus the window's first and last points. A line through
 * them looks the same as a line through every point (each column's vertical extent is kept), so drawing costs
 * O(width) however long the history is; the pass itself is one scan of the window.
 *
 * <p>A column that holds a break ({@code NaN}) keeps one, placed between the kept points that came before it and those
 * that came after, so no line is drawn across an outage. That costs at most one extra point per such column.
 *
 * <p>Bound: at most {@code 2 × columns + 2} points, plus one per column that holds a break.
 */
public final class Decimator {

    private Decimator() {}

    /**
     * Writes into {@code out} (cleared first) the points of {@code series} with times in [{@code fromEpochMillis},
     * {@code toEpochMillis}], decimated to {@code columns} pixel columns.
     */
    public static void decimate(
            TimeSeriesBuffer series, long fromEpochMillis, long toEpochMillis, int columns, DecimatedPoints out) {
        out.clear();
        if (series.isEmpty() || toEpochMillis < fromEpochMillis) {
            return;
        }
        int start = series.firstIndexAtOrAfter(fromEpochMillis);
        int end = toEpochMillis == Long.MAX_VALUE ? series.size() : series.firstIndexAtOrAfter(toEpochMillis + 1);
        int columnCount = Math.max(1, columns);
        if (end - start <= 2L * columnCount + 2) {
            for (int index = start; index < end; index++) {
                out.add(series.timeAt(index), series.valueAt(index));
            }
            return;
        }
        new Pass(series, fromEpochMillis, toEpochMillis, columnCount, out).run(start, end);
    }

    /** The state of one decimation pass: the current column's extremes and where its break is. */
    private static final class Pass {
        private final TimeSeriesBuffer series;
        private final long from;
        private final long span;
        private final int columns;
        private final DecimatedPoints out;

        private int lastEmitted = -1;
        private int minIndex;
        private int maxIndex;
        private int gapIndex;
        private double min;
        private double max;

        Pass(TimeSeriesBuffer series, long from, long to, int columns, DecimatedPoints out) {
            this.series = series;
            this.from = from;
            this.span = Math.max(1, to - from);
            this.columns = columns;
            this.out = out;
        }

        void run(int start, int end) {
            emit(start);
            resetColumn();
            int column = column(series.timeAtSlot(series.slotUnchecked(start)));
            long nextColumnStart = columnStart(column + 1);
            // one pass over the raw arrays, a contiguous run of a chunk at a time; a division only when a column
            // ends, not per point
            int index = start;
            while (index < end) {
                int slot = series.slotUnchecked(index);
                long[] times = series.timeChunk(slot);
                double[] values = series.valueChunk(slot);
                int offset = slot & (TimeSeriesBuffer.CHUNK_POINTS - 1);
                // the last chunk ends at the capacity, so a run never crosses the ring's wrap either
                int runEnd = offset + Math.min(end - index, times.length - offset);
                for (int at = offset; at < runEnd; at++, index++) {
                    long time = times[at];
                    if (time >= nextColumnStart) {
                        flushColumn();
                        resetColumn();
                        column = column(time);
                        nextColumnStart = columnStart(column + 1);
                    }
                    double value = values[at];
                    if (value != value) { // NaN: a break
                        if (gapIndex < 0) {
                            gapIndex = index;
                        }
                    } else {
                        if (minIndex < 0 || value < min) {
                            minIndex = index;
                            min = value;
                        }
                        if (maxIndex < 0 || value > max) {
                            maxIndex = index;
                            max = value;
                        }
                    }
                }
            }
            flushColumn();
            emit(end - 1);
        }

        private int column(long time) {
            long column = (time - from) * columns / span;
            return (int) Math.max(0, Math.min(columns - 1, column));
        }

        /** The first time that falls in {@code column}; the last column never ends. */
        private long columnStart(int column) {
            if (column >= columns) {
                return Long.MAX_VALUE;
            }
            // the smallest t with (t - from) * columns / span >= column
            return from + (column * span + columns - 1) / columns;
        }

        private void resetColumn() {
            minIndex = -1;
            maxIndex = -1;
            gapIndex = -1;
        }

        /** Emits the column's kept points (extremes and break) in time order. */
        private void flushColumn() {
            int first = Math.min(minIndex, maxIndex);
            int second = Math.max(minIndex, maxIndex);
            if (gapIndex >= 0 && (first < 0 || gapIndex < first)) {
                emit(gapIndex);
                gapIndex = -1;
            }
            if (first >= 0) {
                emit(first);
            }
            if (gapIndex >= 0 && gapIndex < second) {
                emit(gapIndex);
                gapIndex = -1;
            }
            if (second >= 0) {
                emit(second);
            }
            if (gapIndex >= 0) {
                emit(gapIndex);
            }
        }

        /** Points are visited in index order, so skipping anything at or before the last emitted keeps time order. */
        private void emit(int index) {
            if (index <= lastEmitted) {
                return;
            }
            int slot = series.slotUnchecked(index);
            out.add(series.timeAtSlot(slot), series.valueAtSlot(slot));
            lastEmitted = index;
        }
    }
}
