package dev.streamscope.app.session;

import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.lifetime.BridgeStreams;
import java.util.List;

/**
 * What one poll produced, handed to the consumer in one piece.
 *
 * @param identity the JVM the sample came from (it changes when a restarted target is picked up again)
 * @param gcEvents collections since the previous tick: notified ones, then any recovered from the totals
 * @param afterGap true for the first tick after an outage, so charts draw no line across it
 * @param streams what the target's jmx-bridge says about its open streams, or {@code null} when it has no bridge
 */
public record TargetTick(
        JvmIdentity identity, JvmSample sample, List<GcEvent> gcEvents, boolean afterGap, BridgeStreams streams) {

    public TargetTick {
        gcEvents = List.copyOf(gcEvents);
    }
}
