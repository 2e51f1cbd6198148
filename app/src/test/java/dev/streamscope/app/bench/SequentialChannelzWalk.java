package dev.streamscope.app.bench;

import dev.streamscope.app.channelz.ChannelNode;
import dev.streamscope.app.channelz.ChannelzMapper;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ServerNode;
import dev.streamscope.app.channelz.SocketNode;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.channelz.v1.ChannelRef;
import io.grpc.channelz.v1.ChannelzGrpc;
import io.grpc.channelz.v1.GetChannelRequest;
import io.grpc.channelz.v1.GetServerSocketsRequest;
import io.grpc.channelz.v1.GetServerSocketsResponse;
import io.grpc.channelz.v1.GetServersRequest;
import io.grpc.channelz.v1.GetServersResponse;
import io.grpc.channelz.v1.GetSocketRequest;
import io.grpc.channelz.v1.GetSubchannelRequest;
import io.grpc.channelz.v1.GetTopChannelsRequest;
import io.grpc.channelz.v1.GetTopChannelsResponse;
import io.grpc.channelz.v1.Server;
import io.grpc.channelz.v1.SocketRef;
import io.grpc.channelz.v1.Subchannel;
import io.grpc.channelz.v1.SubchannelRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The baseline the walker is measured against and checked with: one blocking RPC at a time, as the existing channelz
 * command-line tools walk a tree, built on the raw blocking stub so it shares no walking code with
 * {@code ChannelzWalker}. It maps with the same {@link ChannelzMapper}, so the two snapshots compare field by field.
 */
public final class SequentialChannelzWalk {

    private final ChannelzGrpc.ChannelzBlockingStub stub;
    private final int pageSize;
    private final Duration callTimeout;
    private int calls;

    public SequentialChannelzWalk(Channel channel, int pageSize, Duration callTimeout) {
        this.stub = ChannelzGrpc.newBlockingStub(channel);
        this.pageSize = pageSize;
        this.callTimeout = callTimeout;
    }

    public ChannelzSnapshot walk() {
        Instant takenAt = Instant.now();
        long start = System.nanoTime();
        calls = 0;
        List<ChannelNode> topChannels = new ArrayList<>();
        long next = 0;
        while (true) {
            calls++;
            GetTopChannelsResponse page = stub().getTopChannels(GetTopChannelsRequest.newBuilder()
                    .setStartChannelId(next)
                    .setMaxResults(pageSize)
                    .build());
            for (io.grpc.channelz.v1.Channel channel : page.getChannelList()) {
                topChannels.add(channel(channel));
                next = Math.max(next, channel.getRef().getChannelId() + 1);
            }
            if (page.getEnd()) {
                break;
            }
        }
        List<ServerNode> servers = new ArrayList<>();
        next = 0;
        while (true) {
            calls++;
            GetServersResponse page = stub().getServers(GetServersRequest.newBuilder()
                    .setStartServerId(next)
                    .setMaxResults(pageSize)
                    .build());
            for (Server server : page.getServerList()) {
                servers.add(server(server));
                next = Math.max(next, server.getRef().getServerId() + 1);
            }
            if (page.getEnd()) {
                break;
            }
        }
        return ChannelzSnapshot.of(
                takenAt, Duration.ofNanos(System.nanoTime() - start), topChannels, servers, 0, calls);
    }

    private ChannelNode channel(io.grpc.channelz.v1.Channel channel) {
        return ChannelzMapper.channel(
                channel,
                channels(channel.getChannelRefList()),
                subchannels(channel.getSubchannelRefList()),
                sockets(channel.getSocketRefList(), SocketNode.Role.CLIENT));
    }

    private List<ChannelNode> channels(List<ChannelRef> refs) {
        List<ChannelNode> nodes = new ArrayList<>();
        for (ChannelRef ref : refs) {
            try {
                calls++;
                nodes.add(channel(stub().getChannel(GetChannelRequest.newBuilder()
                                .setChannelId(ref.getChannelId())
                                .build())
                        .getChannel()));
            } catch (StatusRuntimeException e) {
                skipIfGone(e);
            }
        }
        return nodes;
    }

    private List<ChannelNode> subchannels(List<SubchannelRef> refs) {
        List<ChannelNode> nodes = new ArrayList<>();
        for (SubchannelRef ref : refs) {
            try {
                calls++;
                Subchannel subchannel = stub().getSubchannel(GetSubchannelRequest.newBuilder()
                                .setSubchannelId(ref.getSubchannelId())
                                .build())
                        .getSubchannel();
                nodes.add(ChannelzMapper.subchannel(
                        subchannel,
                        channels(subchannel.getChannelRefList()),
                        subchannels(subchannel.getSubchannelRefList()),
                        sockets(subchannel.getSocketRefList(), SocketNode.Role.CLIENT)));
            } catch (StatusRuntimeException e) {
                skipIfGone(e);
            }
        }
        return nodes;
    }

    private ServerNode server(Server server) {
        List<SocketRef> refs = new ArrayList<>();
        long next = 0;
        while (true) {
            calls++;
            GetServerSocketsResponse page = stub().getServerSockets(GetServerSocketsRequest.newBuilder()
                    .setServerId(server.getRef().getServerId())
                    .setStartSocketId(next)
                    .setMaxResults(pageSize)
                    .build());
            for (SocketRef ref : page.getSocketRefList()) {
                refs.add(ref);
                next = Math.max(next, ref.getSocketId() + 1);
            }
            if (page.getEnd()) {
                break;
            }
        }
        return ChannelzMapper.server(
                server,
                sockets(server.getListenSocketList(), SocketNode.Role.LISTEN),
                sockets(refs, SocketNode.Role.SERVER));
    }

    private List<SocketNode> sockets(List<SocketRef> refs, SocketNode.Role role) {
        List<SocketNode> nodes = new ArrayList<>();
        for (SocketRef ref : refs) {
            try {
                calls++;
                nodes.add(ChannelzMapper.socket(
                        stub().getSocket(GetSocketRequest.newBuilder()
                                        .setSocketId(ref.getSocketId())
                                        .build())
                                .getSocket(),
                        role));
            } catch (StatusRuntimeException e) {
                skipIfGone(e);
            }
        }
        return nodes;
    }

    private ChannelzGrpc.ChannelzBlockingStub stub() {
        return stub.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void skipIfGone(StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
            throw e;
        }
    }
}
