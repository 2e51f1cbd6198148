package dev.streamscope.app.ui.channelz;

import dev.streamscope.app.channelz.ChannelData;
import dev.streamscope.app.channelz.ChannelNode;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ConnectivityState;
import dev.streamscope.app.channelz.EntityKey;
import dev.streamscope.app.channelz.ServerNode;
import dev.streamscope.app.channelz.SocketData;
import dev.streamscope.app.channelz.SocketNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built channelz snapshots (our own immutable records) for tests and benchmarks of the tree: many client channels
 * to one server, each with one subchannel and one socket, and the server's side of each connection.
 */
final class ChannelzSnapshots {

    private ChannelzSnapshots() {}

    /**
     * @param channels how many client channels (and as many server sockets)
     * @param streamsPerSocket open streams on each socket
     * @param generation bumps the counters, as a later refresh of the same target would
     */
    static ChannelzSnapshot manyChannels(int channels, int streamsPerSocket, long generation, int skipChannel) {
        Instant now = Instant.parse("2026-11-29T10:00:00Z").plusSeconds(generation);
        List<ChannelNode> top = new ArrayList<>();
        List<SocketNode> serverSockets = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            if (i == skipChannel) {
                continue;
            }
            long started = 100 + generation * 3 + streamsPerSocket;
            SocketNode clientSocket = socket(10_000 + i, SocketNode.Role.CLIENT, i, started, streamsPerSocket, now);
            ChannelNode subchannel = new ChannelNode(
                    EntityKey.of(EntityKey.Kind.SUBCHANNEL, 5_000 + i),
                    data("127.0.0.1:50051", started, streamsPerSocket, now),
                    List.of(),
                    List.of(),
                    List.of(clientSocket));
            top.add(new ChannelNode(
                    EntityKey.of(EntityKey.Kind.CHANNEL, 1 + i),
                    data("dns:///inventory:" + (7000 + i), started, streamsPerSocket, now),
                    List.of(),
                    List.of(subchannel),
                    List.of()));
            serverSockets.add(socket(20_000 + i, SocketNode.Role.SERVER, i, started, streamsPerSocket, now));
        }
        SocketNode listen = new SocketNode(
                EntityKey.of(EntityKey.Kind.SOCKET, 2),
                SocketNode.Role.LISTEN,
                "127.0.0.1:50051",
                null,
                "",
                null,
                null);
        ServerNode server =
                new ServerNode(EntityKey.of(EntityKey.Kind.SERVER, 3), null, List.of(listen), serverSockets);
        return ChannelzSnapshot.of(now, Duration.ofMillis(40), top, List.of(server), 0, channels * 3);
    }

    private static ChannelData data(String target, long started, int open, Instant now) {
        return new ChannelData(ConnectivityState.READY, target, started, started - open, 0, now, null);
    }

    private static SocketNode socket(long id, SocketNode.Role role, int peer, long started, int open, Instant now) {
        SocketData data = new SocketData(
                started,
                started - open,
                0,
                started * 2,
                started * 2,
                0,
                now,
                now,
                now,
                now,
                65_535L,
                65_535L,
                List.of());
        return new SocketNode(
                EntityKey.of(EntityKey.Kind.SOCKET, id),
                role,
                "127.0.0.1:" + (40_000 + peer),
                "127.0.0.1:50051",
                "",
                data,
                null);
    }
}
