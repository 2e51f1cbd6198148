package dev.streamscope.app.channelz;

import java.time.Instant;
import java.util.Objects;

/**
 * One socket: a client connection (under a subchannel or channel), a listen socket or a server connection.
 *
 * @param key the socket's id and reference name
 * @param role where in the tree the socket hangs
 * @param localAddress the local address as {@code ip:port}, a file name or another name; {@code null} when absent
 * @param remoteAddress the remote address, likewise
 * @param remoteName the peer's name for the remote end (may be empty)
 * @param data counters, timestamps and options; {@code null} when the peer sent none
 * @param security TLS or other security; {@code null} for plaintext or when the peer did not say
 */
public record SocketNode(
        EntityKey key,
        Role role,
        String localAddress,
        String remoteAddress,
        String remoteName,
        SocketData data,
        SocketSecurity security) {

    /** Where a socket hangs in the tree. */
    public enum Role {
        CLIENT,
        LISTEN,
        SERVER
    }

    public SocketNode {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(role, "role");
        if (key.kind() != EntityKey.Kind.SOCKET) {
            throw new IllegalArgumentException("not a socket key: " + key);
        }
        remoteName = remoteName == null ? "" : remoteName;
    }

    public long id() {
        return key.id();
    }

    /** What the tree shows as the row's name: the remote address for connections, the local one for listeners. */
    public String displayName() {
        String address = role == Role.LISTEN ? localAddress : remoteAddress;
        if (address != null) {
            return address;
        }
        return key.name().isEmpty() ? "socket " + key.id() : key.name();
    }

    public long openStreams() {
        return data == null ? 0 : data.openStreams();
    }

    public Instant lastActivity() {
        return data == null ? null : data.lastActivity();
    }
}
