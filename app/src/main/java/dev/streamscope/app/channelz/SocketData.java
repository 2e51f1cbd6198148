package dev.streamscope.app.channelz;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The counters and timestamps of one socket. Timestamps and flow-control windows the peer left out are {@code null}.
 *
 * @param streamsStarted streams started on this socket
 * @param streamsSucceeded streams that ended with an OK status (or, on a server, cleanly)
 * @param streamsFailed streams that ended otherwise
 * @param messagesSent messages sent
 * @param messagesReceived messages received
 * @param keepAlivesSent keepalive pings sent
 * @param lastLocalStreamCreated when this side last started a stream (client sockets), or {@code null}
 * @param lastRemoteStreamCreated when the other side last started a stream (server sockets), or {@code null}
 * @param lastMessageSent when a message was last sent, or {@code null}
 * @param lastMessageReceived when a message was last received, or {@code null}
 * @param localFlowControlWindow bytes this side may still send, or {@code null}
 * @param remoteFlowControlWindow bytes the other side may still send, or {@code null}
 * @param options the socket options, as sent
 */
public record SocketData(
        long streamsStarted,
        long streamsSucceeded,
        long streamsFailed,
        long messagesSent,
        long messagesReceived,
        long keepAlivesSent,
        Instant lastLocalStreamCreated,
        Instant lastRemoteStreamCreated,
        Instant lastMessageSent,
        Instant lastMessageReceived,
        Long localFlowControlWindow,
        Long remoteFlowControlWindow,
        List<SocketOptionValue> options) {

    public SocketData {
        options = List.copyOf(options);
    }

    /** Streams started and not yet ended: started - succeeded - failed, at least zero. */
    public long openStreams() {
        return Math.max(0, streamsStarted - streamsSucceeded - streamsFailed);
    }

    /** The latest of the stream and message timestamps, or {@code null} when the peer reported none. */
    public Instant lastActivity() {
        return Stream.of(lastLocalStreamCreated, lastRemoteStreamCreated, lastMessageSent, lastMessageReceived)
                .filter(instant -> instant != null)
                .max(Instant::compareTo)
                .orElse(null);
    }
}
