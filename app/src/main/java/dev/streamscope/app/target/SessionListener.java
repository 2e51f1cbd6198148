package dev.streamscope.app.target;

/**
 * Receives a session's output. Both methods are called on the session's poller thread; an implementation that feeds a
 * UI must switch threads itself and must not block.
 */
public interface SessionListener {

    void onStatus(TargetStatus status);

    void onTick(TargetTick tick);
}
