package dev.streamscope.app.ui;

import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.lifetime.StreamStatus;
import java.time.Duration;

/**
 * One open stream as the Streams table shows it.
 *
 * @param ageMillis the stream's age now (its age at the read plus the time since), or null when the bridge gave none
 * @param lifetime the lifetime its method is held to
 */
record StreamRowView(StreamRecord stream, StreamStatus status, Long ageMillis, Duration lifetime) {}
