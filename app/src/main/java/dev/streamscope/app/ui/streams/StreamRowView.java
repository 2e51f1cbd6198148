package dev.streamscope.app.ui.streams;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.lifetime.StreamStatus;
import java.time.Duration;

/**
 * One open stream as the Streams table shows it, every cell already in words.
 *
 * @param ageMillis the stream's age now (its age at the read plus the time since), or null when the bridge gave none
 * @param lifetime the lifetime its method is held to
 * @param nowEpochMillis when the row was made, for "last activity … ago"
 */
record StreamRowView(StreamRecord stream, StreamStatus status, Long ageMillis, Duration lifetime, long nowEpochMillis) {

    String ageText() {
        return ageMillis == null ? null : DurationText.age(Duration.ofMillis(ageMillis));
    }

    String lifetimeText() {
        return DurationText.age(lifetime);
    }

    String activityText() {
        Long last = stream.lastActivityEpochMillis();
        return last == null ? null : DurationText.age(Duration.ofMillis(Math.max(0, nowEpochMillis - last))) + " ago";
    }

    String halfClosedText() {
        boolean local = Boolean.TRUE.equals(stream.halfClosedLocal());
        boolean remote = Boolean.TRUE.equals(stream.halfClosedRemote());
        if (local && remote) {
            return "both";
        }
        return local ? "local" : remote ? "remote" : "no";
    }
}
