package dev.streamscope.app.streams;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.EntityKey;
import dev.streamscope.app.channelz.ServerNode;
import dev.streamscope.app.channelz.SocketData;
import dev.streamscope.app.channelz.SocketNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Hand-built channelz snapshots of server sockets, for the analyses' edge cases. */
public final class SocketSnapshots {

    public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private SocketSnapshots() {}

    public static ChannelzSnapshot snapshotAtMillis(long millisAfterStart, SocketNode... sockets) {
        return ChannelzSnapshot.of(
                START.plusMillis(millisAfterStart),
                Duration.ofMillis(10),
                List.of(),
                List.of(new ServerNode(EntityKey.of(EntityKey.Kind.SERVER, 100), null, List.of(), List.of(sockets))),
                0,
                1);
    }

    public static SocketNode serverSocket(
            long id, long started, long succeeded, long failed, Instant lastRemoteCreated) {
        return new SocketNode(
                EntityKey.of(EntityKey.Kind.SOCKET, id),
                SocketNode.Role.SERVER,
                "127.0.0.1:6000",
                "127.0.0.1:" + (5000 + id),
                "",
                new SocketData(
                        started,
                        succeeded,
                        failed,
                        0,
                        0,
                        0,
                        null,
                        lastRemoteCreated,
                        null,
                        null,
                        null,
                        null,
                        List.of()),
                null);
    }
}
