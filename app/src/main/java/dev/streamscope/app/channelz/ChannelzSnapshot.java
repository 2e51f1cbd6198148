package dev.streamscope.app.channelz;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one full channelz walk saw, immutable.
 *
 * @param takenAt when the walk started
 * @param walkDuration how long it took
 * @param topChannels the top channels with their subtrees, in the order the peer paged them
 * @param servers the servers with their sockets, likewise
 * @param totals the counts the charts plot
 * @param vanished entities that were listed but gone (NOT_FOUND) when the walker asked for them: normal churn
 * @param remoteCalls how many channelz RPCs the walk made
 */
public record ChannelzSnapshot(
        Instant takenAt,
        Duration walkDuration,
        List<ChannelNode> topChannels,
        List<ServerNode> servers,
        ChannelzTotals totals,
        int vanished,
        int remoteCalls) {

    public ChannelzSnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(walkDuration, "walkDuration");
        topChannels = List.copyOf(topChannels);
        servers = List.copyOf(servers);
        Objects.requireNonNull(totals, "totals");
    }

    /** A snapshot of the given trees with their totals computed. */
    public static ChannelzSnapshot of(
            Instant takenAt,
            Duration walkDuration,
            List<ChannelNode> topChannels,
            List<ServerNode> servers,
            int vanished,
            int remoteCalls) {
        return new ChannelzSnapshot(
                takenAt,
                walkDuration,
                topChannels,
                servers,
                ChannelzTotals.of(topChannels, servers),
                vanished,
                remoteCalls);
    }
}
