package dev.streamscope.app.channelz;

import dev.streamscope.app.base.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Every field channelz gives for one entity, as lines a person reads: counters, timestamps as ages and as absolute
 * times, flow-control windows, socket options, security and trace events. Absent fields say "not reported".
 */
public final class ChannelzDetails {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private ChannelzDetails() {}

    /** @param entity a {@link ChannelNode}, {@link ServerNode} or {@link SocketNode} */
    public static String describe(Object entity, Instant now) {
        StringBuilder text = new StringBuilder();
        if (entity instanceof ChannelNode channel) {
            channel(text, channel, now);
        } else if (entity instanceof ServerNode server) {
            server(text, server, now);
        } else if (entity instanceof SocketNode socket) {
            socket(text, socket, now);
        }
        return text.toString();
    }

    private static void channel(StringBuilder text, ChannelNode channel, Instant now) {
        line(text, channel.key().kind() == EntityKey.Kind.SUBCHANNEL ? "Subchannel" : "Channel", channel.displayName());
        line(text, "Id", Long.toString(channel.id()));
        ChannelData data = channel.data();
        if (data == null) {
            text.append("The server reported no data for this channel.\n");
            return;
        }
        line(text, "Target", orAbsent(data.target()));
        line(text, "State", data.state() == null ? "not reported" : data.state().name());
        calls(text, data.callsStarted(), data.callsSucceeded(), data.callsFailed());
        line(text, "Open calls", Long.toString(channel.openStreams()));
        line(text, "Last call started", when(data.lastCallStarted(), now));
        line(
                text,
                "Children",
                channel.channels().size() + " channels, "
                        + channel.subchannels().size() + " subchannels, "
                        + channel.sockets().size() + " sockets");
        trace(text, data.trace(), now);
    }

    private static void server(StringBuilder text, ServerNode server, Instant now) {
        line(text, "Server", server.displayName());
        line(text, "Id", Long.toString(server.id()));
        line(text, "Listen sockets", Integer.toString(server.listenSockets().size()));
        line(text, "Connections", Integer.toString(server.serverSockets().size()));
        line(text, "Open streams", Long.toString(server.openStreams()));
        ServerData data = server.data();
        if (data == null) {
            text.append("The server reported no call data.\n");
            return;
        }
        calls(text, data.callsStarted(), data.callsSucceeded(), data.callsFailed());
        line(text, "Last call started", when(data.lastCallStarted(), now));
        trace(text, data.trace(), now);
    }

    private static void socket(StringBuilder text, SocketNode socket, Instant now) {
        line(text, "Socket", socket.displayName() + " (" + socket.role().name().toLowerCase(Locale.ROOT) + ")");
        line(text, "Id", Long.toString(socket.id()));
        line(text, "Local address", orAbsent(socket.localAddress()));
        line(text, "Remote address", orAbsent(socket.remoteAddress()));
        if (!socket.remoteName().isEmpty()) {
            line(text, "Remote name", socket.remoteName());
        }
        SocketData data = socket.data();
        if (data == null) {
            text.append("The server reported no data for this socket.\n");
        } else {
            line(
                    text,
                    "Streams",
                    data.streamsStarted() + " started, " + data.streamsSucceeded() + " succeeded, "
                            + data.streamsFailed() + " failed, " + data.openStreams() + " open");
            line(text, "Messages", data.messagesSent() + " sent, " + data.messagesReceived() + " received");
            line(text, "Keepalives sent", Long.toString(data.keepAlivesSent()));
            line(text, "Last local stream", when(data.lastLocalStreamCreated(), now));
            line(text, "Last remote stream", when(data.lastRemoteStreamCreated(), now));
            line(text, "Last message sent", when(data.lastMessageSent(), now));
            line(text, "Last message received", when(data.lastMessageReceived(), now));
            line(text, "Local flow-control window", bytes(data.localFlowControlWindow()));
            line(text, "Remote flow-control window", bytes(data.remoteFlowControlWindow()));
            if (!data.options().isEmpty()) {
                text.append("\nSocket options\n");
                for (SocketOptionValue option : data.options()) {
                    String additional =
                            option.additional() == null || option.additional().isEmpty()
                                    ? ""
                                    : " (" + option.additional() + ")";
                    line(text, "  " + option.name(), option.value() + additional);
                }
            }
        }
        SocketSecurity security = socket.security();
        text.append("\nSecurity\n");
        if (security == null) {
            text.append("  plaintext, or not reported\n");
        } else {
            line(text, "  Model", orAbsent(security.model()));
            line(text, "  Cipher suite", orAbsent(security.cipherSuite()));
            line(text, "  Local certificate", orAbsent(security.localCertificateSubject()));
            line(text, "  Remote certificate", orAbsent(security.remoteCertificateSubject()));
        }
    }

    private static void calls(StringBuilder text, long started, long succeeded, long failed) {
        line(text, "Calls", started + " started, " + succeeded + " succeeded, " + failed + " failed");
    }

    private static void trace(StringBuilder text, ChannelTrace trace, Instant now) {
        if (trace == null) {
            text.append("\nNo channel trace (the server records none).\n");
            return;
        }
        text.append("\nChannel trace: ")
                .append(trace.eventsLogged())
                .append(" events logged, created ")
                .append(when(trace.created(), now))
                .append('\n');
        for (ChannelTraceEvent event : trace.events()) {
            text.append("  ")
                    .append(when(event.timestamp(), now))
                    .append("  ")
                    .append(event.severity())
                    .append("  ")
                    .append(event.description())
                    .append('\n');
        }
    }

    /** "4 min 12 s ago (2026-11-29 09:41:03.120)", or "not reported". */
    public static String when(Instant instant, Instant now) {
        if (instant == null) {
            return "not reported";
        }
        return DurationText.age(Duration.between(instant, now)) + " ago (" + CLOCK.format(instant) + ")";
    }

    private static String bytes(Long value) {
        return value == null ? "not reported" : String.format(Locale.ROOT, "%,d bytes", value);
    }

    private static String orAbsent(String value) {
        return value == null || value.isEmpty() ? "not reported" : value;
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(label).append(": ").append(value).append('\n');
    }
}
