package dev.streamscope.app.capture;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.session.TargetTick;

/**
 * Where a capture's "streams" section and overdue-streams.csv come from: the seam between headless capture and the
 * stream-lifetime analysis. The capture feeds it every tick and channelz snapshot, on the capture thread and in
 * arrival order, and asks for a {@link StreamsReport} for each progress line and once at the end.
 *
 * <p>Implementations are confined to the capture thread. {@link StreamsSources#forCapture} picks one.
 */
public interface StreamsSource {

    /** A JVM tick; a bridge-backed source finds the bridge's rows here once ticks carry them. */
    default void onTick(TargetTick tick) {}

    /** A successful channelz refresh. */
    default void onChannelz(ChannelzSnapshot snapshot) {}

    /** What the source can say now; cheap enough to call every few seconds. */
    StreamsReport report();
}
