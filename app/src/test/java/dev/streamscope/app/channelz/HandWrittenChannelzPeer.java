package dev.streamscope.app.channelz;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.channelz.v1.Channel;
import io.grpc.channelz.v1.ChannelzGrpc;
import io.grpc.channelz.v1.GetServersRequest;
import io.grpc.channelz.v1.GetServersResponse;
import io.grpc.channelz.v1.GetSocketRequest;
import io.grpc.channelz.v1.GetSocketResponse;
import io.grpc.channelz.v1.GetTopChannelsRequest;
import io.grpc.channelz.v1.GetTopChannelsResponse;
import io.grpc.channelz.v1.Socket;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A hand-written channelz peer, served by a real gRPC server on 127.0.0.1, to behave as non-grpc-java servers may and
 * grpc-java never does on demand: sparse ids handed out of creation order, a page size of its own whatever the request
 * asks, sockets that are listed and then NOT_FOUND, answers with fields left out, oversized answers, pages that never
 * end. Only what the walker needs is implemented; GetServers reports no servers.
 */
final class HandWrittenChannelzPeer extends ChannelzGrpc.ChannelzImplBase implements AutoCloseable {

    private final List<Channel> topChannels;
    private final Map<Long, Socket> sockets;
    private final int pageSize;
    private final boolean neverEnds;
    private final Map<String, Integer> requests = new ConcurrentHashMap<>();
    private final List<Long> requestedStarts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Server server;

    /**
     * @param topChannels the top channels, in any order; pages hand them out sorted by id as the spec says
     * @param sockets sockets GetSocket knows; any other id is NOT_FOUND
     * @param pageSize entries per page, whatever max_results the request asks
     * @param neverEnds answer every GetTopChannels with the first page and end=false, a broken peer
     */
    HandWrittenChannelzPeer(List<Channel> topChannels, Map<Long, Socket> sockets, int pageSize, boolean neverEnds) {
        this.topChannels = topChannels.stream()
                .sorted(Comparator.comparingLong(channel -> channel.getRef().getChannelId()))
                .toList();
        this.sockets = Map.copyOf(sockets);
        this.pageSize = pageSize;
        this.neverEnds = neverEnds;
    }

    HandWrittenChannelzPeer start() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(this)
                .build()
                .start();
        return this;
    }

    ChannelzAddress address() {
        return new ChannelzAddress("127.0.0.1", server.getPort());
    }

    int requests(String method) {
        return requests.getOrDefault(method, 0);
    }

    List<Long> requestedTopChannelStarts() {
        return requestedStarts;
    }

    @Override
    public void getTopChannels(GetTopChannelsRequest request, StreamObserver<GetTopChannelsResponse> responses) {
        requests.merge("GetTopChannels", 1, Integer::sum);
        requestedStarts.add(request.getStartChannelId());
        long start = neverEnds ? 0 : request.getStartChannelId();
        List<Channel> page = new ArrayList<>();
        for (Channel channel : topChannels) {
            if (channel.getRef().getChannelId() >= start && page.size() < pageSize) {
                page.add(channel);
            }
        }
        boolean end = !neverEnds
                && (page.isEmpty() || page.get(page.size() - 1).equals(topChannels.get(topChannels.size() - 1)));
        responses.onNext(GetTopChannelsResponse.newBuilder()
                .addAllChannel(page)
                .setEnd(end)
                .build());
        responses.onCompleted();
    }

    @Override
    public void getServers(GetServersRequest request, StreamObserver<GetServersResponse> responses) {
        requests.merge("GetServers", 1, Integer::sum);
        responses.onNext(GetServersResponse.newBuilder().setEnd(true).build());
        responses.onCompleted();
    }

    @Override
    public void getSocket(GetSocketRequest request, StreamObserver<GetSocketResponse> responses) {
        requests.merge("GetSocket", 1, Integer::sum);
        Socket socket = sockets.get(request.getSocketId());
        if (socket == null) {
            responses.onError(Status.NOT_FOUND
                    .withDescription("no socket " + request.getSocketId())
                    .asRuntimeException());
            return;
        }
        responses.onNext(GetSocketResponse.newBuilder().setSocket(socket).build());
        responses.onCompleted();
    }

    @Override
    public void close() throws InterruptedException {
        if (server != null) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
