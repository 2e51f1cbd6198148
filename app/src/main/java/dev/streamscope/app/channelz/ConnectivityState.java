package dev.streamscope.app.channelz;

/** A channel's or subchannel's connectivity state as channelz reports it. */
public enum ConnectivityState {
    UNKNOWN,
    IDLE,
    CONNECTING,
    READY,
    TRANSIENT_FAILURE,
    SHUTDOWN
}
