package dev.streamscope.app.session;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import java.time.Instant;

/**
 * The outcome of one channelz refresh: a snapshot, or the problem that prevented it. A failing channelz never stops
 * the JVM charts of the same target; it only shows here.
 */
public record ChannelzUpdate(Instant at, ChannelzSnapshot snapshot, TargetProblem problem) {

    public boolean succeeded() {
        return snapshot != null;
    }
}
