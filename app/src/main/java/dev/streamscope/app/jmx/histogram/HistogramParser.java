package dev.streamscope.app.jmx.histogram;

import dev.streamscope.app.base.TargetProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Maps the text of {@code GC.class_histogram} to a {@link HeapHistogram}: the one mapper of that reply. It scans the
 * reply line by line in place (it can be megabytes) and keeps the {@code rowLimit} largest classes in a heap, so its
 * memory grows with the limit, not with the reply.
 *
 * <pre>
 *  num     #instances         #bytes  class name (module)
 * -------------------------------------------------------
 *    1:         61161        4118328  [B (java.base@17.0.15)
 * Total        265348       15713480
 * </pre>
 */
public final class HistogramParser {

    public static final int DEFAULT_ROW_LIMIT = 5_000;
    /** A few dozen classes match {@link GrpcStreamClasses}; the bound only guards against a hostile reply. */
    static final int MAX_STREAM_ROWS = 200;

    private static final Comparator<HistogramRow> BY_BYTES =
            Comparator.comparingLong(HistogramRow::bytes).thenComparing(HistogramRow::className);

    private HistogramParser() {}

    /**
     * Parses what {@code gcClassHistogram} answered, over either transport, into the {@link #DEFAULT_ROW_LIMIT} largest
     * classes.
     *
     * @throws TargetProblem that says to take one on the host when the answer is no histogram StreamScope can read
     */
    public static HeapHistogram fromReply(Object reply, HistogramMode mode, Instant takenAt) throws TargetProblem {
        try {
            if (!(reply instanceof String text)) {
                throw new IllegalArgumentException(reply == null ? "no text at all" : "not text");
            }
            return parse(text, mode, takenAt, DEFAULT_ROW_LIMIT);
        } catch (IllegalArgumentException unreadable) {
            throw new TargetProblem(
                    TargetProblem.Kind.OTHER,
                    "The target answered the class histogram with something StreamScope cannot read ("
                            + unreadable.getMessage()
                            + "). Take one on its host instead: jcmd <pid> GC.class_histogram",
                    unreadable);
        }
    }

    /**
     * @throws IllegalArgumentException when the reply holds no histogram (the target answered with an error text)
     */
    public static HeapHistogram parse(String reply, HistogramMode mode, Instant takenAt, int rowLimit) {
        if (rowLimit < 1) {
            throw new IllegalArgumentException("rowLimit must be at least 1, was " + rowLimit);
        }
        PriorityQueue<HistogramRow> largest = new PriorityQueue<>(Math.min(rowLimit, 1024) + 1, BY_BYTES);
        List<HistogramRow> streamRows = new ArrayList<>();
        long[] numbers = new long[2];
        int classes = 0;
        long sumInstances = 0;
        long sumBytes = 0;
        long totalInstances = -1;
        long totalBytes = -1;
        int length = reply.length();
        int start = 0;
        while (start < length) {
            int end = reply.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int position = skipSpaces(reply, start, end);
            if (reply.startsWith("Total", position)) {
                if (readNumbers(reply, position + "Total".length(), end, numbers) >= 0) {
                    totalInstances = numbers[0];
                    totalBytes = numbers[1];
                }
            } else if (position < end && Character.isDigit(reply.charAt(position))) {
                int colon = reply.indexOf(':', position);
                int nameStart = colon < 0 || colon >= end ? -1 : readNumbers(reply, colon + 1, end, numbers);
                if (nameStart >= 0 && nameStart < end) {
                    classes++;
                    sumInstances += numbers[0];
                    sumBytes += numbers[1];
                    int nameEnd = nameStart;
                    while (nameEnd < end && !Character.isWhitespace(reply.charAt(nameEnd))) {
                        nameEnd++;
                    }
                    boolean keep = largest.size() < rowLimit
                            || numbers[1] > largest.peek().bytes();
                    String name = null;
                    if (keep || couldBeStreamClass(reply, nameStart, nameEnd)) {
                        name = reply.substring(nameStart, nameEnd);
                    }
                    HistogramRow row = name == null ? null : new HistogramRow(name, numbers[0], numbers[1]);
                    if (keep) {
                        largest.add(row);
                        if (largest.size() > rowLimit) {
                            largest.poll();
                        }
                    }
                    if (row != null && GrpcStreamClasses.matches(name) && streamRows.size() < MAX_STREAM_ROWS) {
                        streamRows.add(row);
                    }
                }
            }
            start = end + 1;
        }
        if (classes == 0) {
            String firstLine = reply.lines().findFirst().orElse("").strip();
            throw new IllegalArgumentException("the target's reply holds no class histogram: " + firstLine);
        }
        List<HistogramRow> rows = new ArrayList<>(largest);
        rows.sort(BY_BYTES.reversed());
        streamRows.sort(BY_BYTES.reversed());
        return new HeapHistogram(
                takenAt,
                mode,
                rows,
                streamRows,
                classes,
                totalInstances >= 0 ? totalInstances : sumInstances,
                totalBytes >= 0 ? totalBytes : sumBytes);
    }

    // every stream class lives under io. and names a Stream or a CallImpl: skips a String for the thousands of others
    private static boolean couldBeStreamClass(String reply, int nameStart, int nameEnd) {
        return reply.startsWith("io.", nameStart)
                && (contains(reply, nameStart, nameEnd, "Stream") || contains(reply, nameStart, nameEnd, "CallImpl"));
    }

    private static boolean contains(String text, int from, int to, String part) {
        for (int position = from; position + part.length() <= to; position++) {
            if (text.startsWith(part, position)) {
                return true;
            }
        }
        return false;
    }

    /** Reads two whitespace-separated numbers into {@code numbers}; returns where the text after them starts, or -1. */
    private static int readNumbers(String text, int from, int end, long[] numbers) {
        int position = from;
        for (int index = 0; index < 2; index++) {
            position = skipSpaces(text, position, end);
            int digits = position;
            long value = 0;
            while (position < end && Character.isDigit(text.charAt(position))) {
                value = value * 10 + (text.charAt(position) - '0');
                position++;
            }
            if (position == digits) {
                return -1;
            }
            numbers[index] = value;
        }
        position = skipSpaces(text, position, end);
        return position;
    }

    private static int skipSpaces(String text, int from, int end) {
        int position = from;
        while (position < end && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position;
    }
}
