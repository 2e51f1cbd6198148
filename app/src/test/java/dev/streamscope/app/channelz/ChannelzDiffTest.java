package dev.streamscope.app.channelz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelzDiffTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void firstSnapshotAddsEverythingInTreeOrder() {
        ChannelzSnapshot current = snapshot(List.of(channel(1, 10, socket(100, 3))), List.of());

        ChannelzDiff diff = ChannelzDiff.between(null, current);

        assertThat(diff.added())
                .containsExactly(
                        EntityKey.of(EntityKey.Kind.CHANNEL, 1),
                        EntityKey.of(EntityKey.Kind.SUBCHANNEL, 10),
                        EntityKey.of(EntityKey.Kind.SOCKET, 100));
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.changed()).isEmpty();
    }

    @Test
    void sameSnapshotTwiceHasNoDifference() {
        ChannelzSnapshot snapshot =
                snapshot(List.of(channel(1, 10, socket(100, 3))), List.of(server(5, socket(200, 1))));
        assertThat(ChannelzDiff.between(snapshot, snapshot).isEmpty()).isTrue();
    }

    @Test
    void newSocketIsAddedClosedOneRemovedAndCounterChangeIsChanged() {
        ChannelzSnapshot previous =
                snapshot(List.of(channel(1, 10, socket(100, 3))), List.of(server(5, socket(200, 1), socket(201, 0))));
        ChannelzSnapshot current =
                snapshot(List.of(channel(1, 10, socket(100, 4))), List.of(server(5, socket(200, 1), socket(202, 0))));

        ChannelzDiff diff = ChannelzDiff.between(previous, current);

        assertThat(diff.added()).containsExactly(EntityKey.of(EntityKey.Kind.SOCKET, 202));
        assertThat(diff.removed()).containsExactly(EntityKey.of(EntityKey.Kind.SOCKET, 201));
        // the socket's counters moved; its channel's own data did not, so the channel is not changed
        assertThat(diff.changed()).containsExactly(EntityKey.of(EntityKey.Kind.SOCKET, 100));
    }

    @Test
    void channelWhoseStateChangedIsChanged() {
        ChannelzSnapshot previous = snapshot(List.of(channel(1, ConnectivityState.CONNECTING)), List.of());
        ChannelzSnapshot current = snapshot(List.of(channel(1, ConnectivityState.READY)), List.of());

        assertThat(ChannelzDiff.between(previous, current).changed())
                .containsExactly(EntityKey.of(EntityKey.Kind.CHANNEL, 1));
    }

    @Test
    void sameIdInDifferentKindsAreDifferentEntities() {
        ChannelzSnapshot previous = snapshot(List.of(channel(7, ConnectivityState.READY)), List.of());
        ChannelzSnapshot current = snapshot(List.of(), List.of(server(7)));

        ChannelzDiff diff = ChannelzDiff.between(previous, current);

        assertThat(diff.added()).containsExactly(EntityKey.of(EntityKey.Kind.SERVER, 7));
        assertThat(diff.removed()).containsExactly(EntityKey.of(EntityKey.Kind.CHANNEL, 7));
    }

    private static ChannelzSnapshot snapshot(List<ChannelNode> channels, List<ServerNode> servers) {
        return ChannelzSnapshot.of(NOW, Duration.ZERO, channels, servers, 0, 0);
    }

    private static ChannelNode channel(long id, long subchannelId, SocketNode socket) {
        ChannelNode subchannel = new ChannelNode(
                new EntityKey(EntityKey.Kind.SUBCHANNEL, subchannelId, ""),
                data(ConnectivityState.READY),
                List.of(),
                List.of(),
                List.of(socket));
        return new ChannelNode(
                new EntityKey(EntityKey.Kind.CHANNEL, id, ""),
                data(ConnectivityState.READY),
                List.of(),
                List.of(subchannel),
                List.of());
    }

    private static ChannelNode channel(long id, ConnectivityState state) {
        return new ChannelNode(
                new EntityKey(EntityKey.Kind.CHANNEL, id, ""), data(state), List.of(), List.of(), List.of());
    }

    private static ChannelData data(ConnectivityState state) {
        return new ChannelData(state, "127.0.0.1:1", 5, 4, 1, NOW, null);
    }

    private static ServerNode server(long id, SocketNode... sockets) {
        return new ServerNode(
                new EntityKey(EntityKey.Kind.SERVER, id, ""),
                new ServerData(1, 1, 0, NOW, null),
                List.of(),
                List.of(sockets));
    }

    private static SocketNode socket(long id, long streamsStarted) {
        SocketData data = new SocketData(streamsStarted, 0, 0, 0, 0, 0, NOW, null, null, null, null, null, List.of());
        return new SocketNode(
                new EntityKey(EntityKey.Kind.SOCKET, id, ""),
                SocketNode.Role.SERVER,
                "127.0.0.1:1",
                "127.0.0.1:2",
                "",
                data,
                null);
    }
}
