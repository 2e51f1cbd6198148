package dev.streamscope.app.channelz;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A channel or subchannel with everything below it. Channels nest: a channel may hold channels and subchannels, and
 * only leaves hold sockets, but the walker keeps whatever the peer reports.
 *
 * @param key the id, kind ({@link EntityKey.Kind#CHANNEL} or {@link EntityKey.Kind#SUBCHANNEL}) and reference name
 * @param data the channel's own data; {@code null} when the peer sent none
 * @param channels nested channels, in the order the peer listed them
 * @param subchannels subchannels, likewise
 * @param sockets sockets, likewise; entities that vanished during the walk are left out
 */
public record ChannelNode(
        EntityKey key,
        ChannelData data,
        List<ChannelNode> channels,
        List<ChannelNode> subchannels,
        List<SocketNode> sockets) {

    public ChannelNode {
        Objects.requireNonNull(key, "key");
        if (key.kind() != EntityKey.Kind.CHANNEL && key.kind() != EntityKey.Kind.SUBCHANNEL) {
            throw new IllegalArgumentException("not a channel key: " + key);
        }
        channels = List.copyOf(channels);
        subchannels = List.copyOf(subchannels);
        sockets = List.copyOf(sockets);
    }

    public long id() {
        return key.id();
    }

    /** The row name: the channel's target, else its reference name, else its id. */
    public String displayName() {
        if (data != null && !data.target().isEmpty()) {
            return data.target();
        }
        return key.name().isEmpty() ? key.kind().name().toLowerCase(Locale.ROOT) + " " + key.id() : key.name();
    }

    /** Open streams on every socket in this subtree. */
    public long openStreams() {
        return sockets.stream().mapToLong(SocketNode::openStreams).sum()
                + Stream.concat(channels.stream(), subchannels.stream())
                        .mapToLong(ChannelNode::openStreams)
                        .sum();
    }

    /** The latest activity in this subtree: the last call started here or any socket's last stream or message. */
    public Instant lastActivity() {
        Stream<Instant> own = Stream.of(data == null ? null : data.lastCallStarted());
        Stream<Instant> below = Stream.concat(
                sockets.stream().map(SocketNode::lastActivity),
                Stream.concat(channels.stream(), subchannels.stream()).map(ChannelNode::lastActivity));
        return Stream.concat(own, below)
                .filter(instant -> instant != null)
                .max(Instant::compareTo)
                .orElse(null);
    }
}
