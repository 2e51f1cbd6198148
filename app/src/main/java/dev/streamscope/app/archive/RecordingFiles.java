package dev.streamscope.app.archive;

/**
 * The names in a recording folder. Besides one PNG and one CSV per chart (named by the chart's id), a recording
 * holds what the window needs to show it again; see docs/recordings.md, "The folder".
 */
public final class RecordingFiles {

    public static final String SUMMARY = "summary.json";
    public static final String OVERDUE = "overdue-streams.csv";
    /** Open streams grouped by the line of code that opened them, from the jmx-bridge. */
    public static final String BY_SITE = "streams-by-site.csv";
    /** Every series point: key, epochMillis, value (empty for a break in the line). */
    public static final String SERIES = "series.csv";
    /** Every GC event, pauses and concurrent cycles. */
    public static final String GC_EVENTS = "gc-events.csv";
    /** The stream view at the end: bridge rows or channelz bounds. */
    public static final String STREAMS = "streams.json";
    /** The last channelz tree. */
    public static final String CHANNELZ = "channelz.json";
    /** The class histogram taken at the start (--histogram): class, instances, bytes; the reader ignores it. */
    public static final String HISTOGRAM_START = "histogram-start.csv";
    /** The class histogram taken at the end. */
    public static final String HISTOGRAM_END = "histogram-end.csv";

    /** The last thread dump, as jstack prints one (--threads, or dumps taken in the window). */
    public static final String THREADS_END = "threads-end.txt";
    /** The thread findings, with their evidence and first and last seen. */
    public static final String THREADS = "threads.json";

    private RecordingFiles() {}
}
