package dev.streamscope.app.streams;

import dev.streamscope.app.channelz.ChannelNode;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ServerNode;
import dev.streamscope.app.channelz.SocketNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The connections of a snapshot whose stream counters the analyses read: client and server sockets with data. */
final class ConnectionSockets {

    private ConnectionSockets() {}

    /** Every client socket (under channels and subchannels) and server socket with counters, each id once. */
    static List<SocketNode> of(ChannelzSnapshot snapshot) {
        List<SocketNode> sockets = new ArrayList<>();
        for (ChannelNode channel : snapshot.topChannels()) {
            collect(channel, sockets);
        }
        for (ServerNode server : snapshot.servers()) {
            server.serverSockets().stream()
                    .filter(socket -> socket.data() != null)
                    .forEach(sockets::add);
        }
        // the same socket listed twice in one walk (under a channel and its subchannel) counts once
        Set<Long> seen = new HashSet<>();
        sockets.removeIf(socket -> !seen.add(socket.id()));
        return sockets;
    }

    /** "127.0.0.1:52044 → 127.0.0.1:37411": this side's address, then the peer's. */
    static String text(SocketNode socket) {
        return (socket.localAddress() == null ? "?" : socket.localAddress()) + " → "
                + (socket.remoteAddress() == null ? "?" : socket.remoteAddress());
    }

    private static void collect(ChannelNode channel, List<SocketNode> sockets) {
        channel.sockets().stream()
                .filter(socket -> socket.role() == SocketNode.Role.CLIENT && socket.data() != null)
                .forEach(sockets::add);
        channel.channels().forEach(child -> collect(child, sockets));
        channel.subchannels().forEach(child -> collect(child, sockets));
    }
}
