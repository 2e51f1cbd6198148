package dev.streamscope.app.threads;

import dev.streamscope.app.jmx.threads.ThreadDump;
import java.util.ArrayList;
import java.util.List;

/**
 * What the thread analysis holds after a sample: the last dump, its pools, the findings that hold now and those that
 * ended (bounded, newest last). Immutable.
 */
public record ThreadReport(
        ThreadDump lastDump,
        List<ThreadGroupSummary> groups,
        List<ThreadFinding> active,
        List<ThreadFinding> ended,
        int samples) {

    public static final ThreadReport EMPTY = new ThreadReport(null, List.of(), List.of(), List.of(), 0);

    public ThreadReport {
        groups = List.copyOf(groups);
        active = List.copyOf(active);
        ended = List.copyOf(ended);
    }

    /** Every finding of the recording: those that ended, then those that hold now. */
    public List<ThreadFinding> all() {
        ArrayList<ThreadFinding> all = new ArrayList<>(ended);
        all.addAll(active);
        return List.copyOf(all);
    }

    public boolean provesBlockedEventLoop() {
        return all().stream().anyMatch(finding -> finding.kind() == FindingKind.BLOCKED_EVENT_LOOP);
    }
}
