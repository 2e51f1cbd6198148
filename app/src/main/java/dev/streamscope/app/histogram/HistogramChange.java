package dev.streamscope.app.histogram;

import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramRow;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one class gained between two histograms of the same target (negative when it lost).
 *
 * @param className the class
 * @param instancesGained instances in the later histogram less those in the earlier
 * @param bytesGained bytes likewise
 */
public record HistogramChange(String className, long instancesGained, long bytesGained) {

    public HistogramChange {
        Objects.requireNonNull(className, "className");
    }

    /**
     * The {@code top} classes that gained the most bytes from {@code before} to {@code after}, most first. A class
     * missing from one side counts as 0 there; beyond a truncated histogram's row limit that is an estimate, small
     * classes being the ones left out.
     */
    public static List<HistogramChange> between(HeapHistogram before, HeapHistogram after, int top) {
        Map<String, long[]> changes = new HashMap<>();
        add(changes, after, 1);
        add(changes, before, -1);
        return changes.entrySet().stream()
                .map(entry -> new HistogramChange(entry.getKey(), entry.getValue()[0], entry.getValue()[1]))
                .filter(change -> change.instancesGained() != 0 || change.bytesGained() != 0)
                .sorted(Comparator.comparingLong(HistogramChange::bytesGained)
                        .reversed()
                        .thenComparing(HistogramChange::className))
                .limit(top)
                .toList();
    }

    private static void add(Map<String, long[]> changes, HeapHistogram histogram, int sign) {
        Map<String, HistogramRow> once = new HashMap<>();
        histogram.rows().forEach(row -> once.put(row.className(), row));
        histogram.streamRows().forEach(row -> once.put(row.className(), row));
        // a stream class listed in both rows and streamRows counts once per histogram
        for (HistogramRow row : once.values()) {
            long[] change = changes.computeIfAbsent(row.className(), name -> new long[2]);
            change[0] += sign * row.instances();
            change[1] += sign * row.bytes();
        }
    }
}
