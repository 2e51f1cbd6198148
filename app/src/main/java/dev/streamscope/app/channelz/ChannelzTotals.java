package dev.streamscope.app.channelz;

import java.util.List;

/**
 * The numbers the charts plot, counted once per snapshot.
 *
 * @param topChannels top-level channels
 * @param subchannels subchannels at any depth
 * @param clientSockets sockets under channels and subchannels
 * @param serverSockets server connections (listen sockets not included)
 * @param listenSockets listen sockets
 * @param clientOpenStreams open streams over all client sockets
 * @param serverOpenStreams open streams over all server sockets
 * @param callsStarted calls started, summed over top channels (client side)
 * @param callsSucceeded calls succeeded, likewise
 * @param callsFailed calls failed, likewise
 * @param serverCallsStarted calls started, summed over servers
 * @param serverCallsSucceeded likewise
 * @param serverCallsFailed likewise
 */
public record ChannelzTotals(
        int topChannels,
        int subchannels,
        int clientSockets,
        int serverSockets,
        int listenSockets,
        long clientOpenStreams,
        long serverOpenStreams,
        long callsStarted,
        long callsSucceeded,
        long callsFailed,
        long serverCallsStarted,
        long serverCallsSucceeded,
        long serverCallsFailed) {

    /** Counts everything in the two trees; nested channels count as channels but not as top channels. */
    public static ChannelzTotals of(List<ChannelNode> topChannels, List<ServerNode> servers) {
        Counter counter = new Counter();
        topChannels.forEach(counter::addChannel);
        long callsStarted = 0;
        long callsSucceeded = 0;
        long callsFailed = 0;
        for (ChannelNode channel : topChannels) {
            if (channel.data() != null) {
                callsStarted += channel.data().callsStarted();
                callsSucceeded += channel.data().callsSucceeded();
                callsFailed += channel.data().callsFailed();
            }
        }
        int serverSockets = 0;
        int listenSockets = 0;
        long serverOpenStreams = 0;
        long serverCallsStarted = 0;
        long serverCallsSucceeded = 0;
        long serverCallsFailed = 0;
        for (ServerNode server : servers) {
            serverSockets += server.serverSockets().size();
            listenSockets += server.listenSockets().size();
            serverOpenStreams += server.openStreams();
            if (server.data() != null) {
                serverCallsStarted += server.data().callsStarted();
                serverCallsSucceeded += server.data().callsSucceeded();
                serverCallsFailed += server.data().callsFailed();
            }
        }
        return new ChannelzTotals(
                topChannels.size(),
                counter.subchannels,
                counter.clientSockets,
                serverSockets,
                listenSockets,
                counter.clientOpenStreams,
                serverOpenStreams,
                callsStarted,
                callsSucceeded,
                callsFailed,
                serverCallsStarted,
                serverCallsSucceeded,
                serverCallsFailed);
    }

    private static final class Counter {
        int subchannels;
        int clientSockets;
        long clientOpenStreams;

        void addChannel(ChannelNode channel) {
            if (channel.key().kind() == EntityKey.Kind.SUBCHANNEL) {
                subchannels++;
            }
            clientSockets += channel.sockets().size();
            channel.sockets().forEach(socket -> clientOpenStreams += socket.openStreams());
            channel.channels().forEach(this::addChannel);
            channel.subchannels().forEach(this::addChannel);
        }
    }
}
