package dev.streamscope.app.ui.streams;

import dev.streamscope.app.base.DurationText;
import java.time.Duration;

/**
 * One group of open streams as the Streams tab shows it when grouped by creation site, method or peer, every cell
 * already in words.
 *
 * @param group the creation site (server groups say that the remote client opened them), method or peer
 * @param method the method of a site's streams; empty when grouped by method or peer
 * @param open open streams in the group
 * @param overdue streams older than their lifetime
 * @param oldestMillis the oldest stream's age, or null when unknown
 * @param share the group's part of all open streams, 0 to 1
 * @param sampledText "sampled", "not sampled" or "exact"; empty for method and peer groups
 * @param frames the recorded stack, one {@code at …} line each; empty when none was recorded
 */
public record GroupRowView(
        String group,
        String method,
        long open,
        long overdue,
        Long oldestMillis,
        double share,
        String sampledText,
        String frames) {

    String oldestText() {
        return oldestMillis == null ? "" : DurationText.age(Duration.ofMillis(oldestMillis));
    }

    /** "37 %", next to the bar. */
    String shareText() {
        return Math.round(share * 100) + " %";
    }
}
