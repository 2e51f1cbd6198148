package dev.streamscope.app.ui.channelz;

import dev.streamscope.app.channelz.ChannelData;
import dev.streamscope.app.channelz.ChannelNode;
import dev.streamscope.app.channelz.EntityKey;
import dev.streamscope.app.channelz.ServerData;
import dev.streamscope.app.channelz.ServerNode;
import dev.streamscope.app.channelz.SocketData;
import dev.streamscope.app.channelz.SocketNode;
import java.time.Instant;
import java.util.Locale;

/**
 * One row of the channelz tree: what the columns show, plus the entity for the details pane. Calls for channels and
 * servers, streams for sockets; null where channelz reported nothing.
 *
 * @param key null for the "Channels" and "Servers" group rows
 */
public record ChannelzRow(
        EntityKey key,
        String name,
        String state,
        Long started,
        Long succeeded,
        Long failed,
        Long open,
        Instant lastActivity,
        Object entity) {

    static ChannelzRow group(String name) {
        return new ChannelzRow(null, name, "", null, null, null, null, null, null);
    }

    static ChannelzRow of(ChannelNode channel) {
        ChannelData data = channel.data();
        String kind = channel.key().kind() == EntityKey.Kind.SUBCHANNEL ? "subchannel " : "";
        return new ChannelzRow(
                channel.key(),
                kind + channel.displayName(),
                data == null || data.state() == null ? "" : data.state().name(),
                data == null ? null : data.callsStarted(),
                data == null ? null : data.callsSucceeded(),
                data == null ? null : data.callsFailed(),
                channel.openStreams(),
                channel.lastActivity(),
                channel);
    }

    static ChannelzRow of(ServerNode server) {
        ServerData data = server.data();
        return new ChannelzRow(
                server.key(),
                "server " + server.displayName(),
                "",
                data == null ? null : data.callsStarted(),
                data == null ? null : data.callsSucceeded(),
                data == null ? null : data.callsFailed(),
                server.openStreams(),
                server.lastActivity(),
                server);
    }

    static ChannelzRow of(SocketNode socket) {
        SocketData data = socket.data();
        return new ChannelzRow(
                socket.key(),
                socket.role().name().toLowerCase(Locale.ROOT) + " socket " + socket.displayName(),
                "",
                data == null ? null : data.streamsStarted(),
                data == null ? null : data.streamsSucceeded(),
                data == null ? null : data.streamsFailed(),
                data == null ? null : data.openStreams(),
                socket.lastActivity(),
                socket);
    }

    /** Whether the filter text names this row: its name or target, or either address of a socket. */
    boolean matches(String filter) {
        if (name.toLowerCase(Locale.ROOT).contains(filter)) {
            return true;
        }
        return entity instanceof SocketNode socket
                && (contains(socket.localAddress(), filter) || contains(socket.remoteAddress(), filter));
    }

    private static boolean contains(String text, String filter) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(filter);
    }
}
