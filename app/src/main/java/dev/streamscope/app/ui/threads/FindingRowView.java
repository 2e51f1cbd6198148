package dev.streamscope.app.ui.threads;

import java.util.List;

/**
 * One finding as the list shows it.
 *
 * @param seen "since 09:45:01 (2 min 10 s), last 09:47:11", or "ended 09:47:11"
 * @param threadIds the threads whose stacks the finding is about
 */
public record FindingRowView(
        String title,
        String subject,
        String frame,
        String evidence,
        String advice,
        String seen,
        boolean active,
        List<Long> threadIds) {

    /** Everything in a few lines, for the list and the clipboard. */
    public String text() {
        return title + ": " + subject + (frame == null ? "" : " · " + frame) + "\n" + evidence + "\nWhat to do: "
                + advice + "\n" + seen;
    }
}
