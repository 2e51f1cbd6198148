package dev.streamscope.app.session;

/**
 * Receives a session's output. Status and ticks come from the session's poller thread, channelz updates from gRPC's; an implementation that feeds a
 * UI must switch threads itself and must not block.
 */
public interface SessionListener {

    void onStatus(TargetStatus status);

    void onTick(TargetTick tick);

    /** A channelz refresh's outcome; called on a gRPC thread, for targets with a channelz address. */
    default void onChannelz(ChannelzUpdate update) {}
}
