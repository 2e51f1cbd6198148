package dev.streamscope.app.archive;

import dev.streamscope.app.histogram.HistogramChange;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramRow;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A heap histogram, or what changed between two, as CSV: a header, then one line per class, largest first. */
public final class HistogramCsv {

    private HistogramCsv() {}

    /** "class,instances,bytes" and the rows; the stream classes beyond the row limit follow the rows. */
    public static String render(HeapHistogram histogram) {
        StringBuilder csv = new StringBuilder(64 * (histogram.rows().size() + 1));
        csv.append("class,instances,bytes\n");
        Set<String> written = new HashSet<>();
        for (HistogramRow row : histogram.rows()) {
            line(csv, row);
            written.add(row.className());
        }
        for (HistogramRow row : histogram.streamRows()) {
            if (!written.contains(row.className())) {
                line(csv, row);
            }
        }
        return csv.toString();
    }

    /** "class,instances_gained,bytes_gained" and one line per class in the given order (most bytes gained first). */
    public static String renderChange(List<HistogramChange> changes) {
        StringBuilder csv = new StringBuilder(64 * (changes.size() + 1));
        csv.append("class,instances_gained,bytes_gained\n");
        for (HistogramChange change : changes) {
            line(csv, change.className(), change.instancesGained(), change.bytesGained());
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, HistogramRow row) {
        line(csv, row.className(), row.instances(), row.bytes());
    }

    private static void line(StringBuilder csv, String className, long instances, long bytes) {
        csv.append(quoted(className))
                .append(',')
                .append(instances)
                .append(',')
                .append(bytes)
                .append('\n');
    }

    // hidden and array class names may hold ';' or '/', never a comma in practice; quote anyway when one shows up
    private static String quoted(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
