package dev.streamscope.app.channelz;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A server with its listen sockets and its connections.
 *
 * @param key the server's id and reference name
 * @param data the server's own data; {@code null} when the peer sent none
 * @param listenSockets the sockets it listens on
 * @param serverSockets its connections, in id order as paged; those that vanished during the walk are left out
 */
public record ServerNode(
        EntityKey key, ServerData data, List<SocketNode> listenSockets, List<SocketNode> serverSockets) {

    public ServerNode {
        Objects.requireNonNull(key, "key");
        if (key.kind() != EntityKey.Kind.SERVER) {
            throw new IllegalArgumentException("not a server key: " + key);
        }
        listenSockets = List.copyOf(listenSockets);
        serverSockets = List.copyOf(serverSockets);
    }

    public long id() {
        return key.id();
    }

    /** The row name: the listen addresses, else the reference name, else the id. */
    public String displayName() {
        List<String> addresses = listenSockets.stream()
                .map(SocketNode::localAddress)
                .filter(address -> address != null)
                .toList();
        if (!addresses.isEmpty()) {
            return String.join(", ", addresses);
        }
        return key.name().isEmpty() ? "server " + key.id() : key.name();
    }

    public long openStreams() {
        return serverSockets.stream().mapToLong(SocketNode::openStreams).sum();
    }

    public Instant lastActivity() {
        return Stream.concat(
                        Stream.of(data == null ? null : data.lastCallStarted()),
                        serverSockets.stream().map(SocketNode::lastActivity))
                .filter(instant -> instant != null)
                .max(Instant::compareTo)
                .orElse(null);
    }
}
