package dev.streamscope.app.archive;

import dev.streamscope.app.threads.ThreadFinding;
import dev.streamscope.app.threads.ThreadReport;
import java.util.List;

/**
 * The content of threads.json: how many dumps were taken, the findings that held at the end ({@code active}) and
 * those that ended before, each with its evidence, what to do, and first and last seen.
 */
public record ThreadsFile(int dumps, List<ThreadFinding> active, List<ThreadFinding> ended) {

    public ThreadsFile {
        active = active == null ? List.of() : List.copyOf(active);
        ended = ended == null ? List.of() : List.copyOf(ended);
    }

    static ThreadsFile of(ThreadReport report) {
        return new ThreadsFile(report.samples(), report.active(), report.ended());
    }

    /** The report a read-only recording shows: its findings, no dump to analyse further. */
    public ThreadReport report() {
        return new ThreadReport(null, List.of(), active, ended, dumps);
    }
}
