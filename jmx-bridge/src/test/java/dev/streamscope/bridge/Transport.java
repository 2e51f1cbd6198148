package dev.streamscope.bridge;

import io.grpc.ClientInterceptor;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real transports the tests and benchmarks run the probe service over (public for JMH's generated code). */
public enum Transport {
    IN_PROCESS,
    NETTY;

    /**
     * A started probe server and a channel to it, each with the given interceptors (none for a bare baseline).
     * {@code direct} runs calls and their callbacks on the transport threads, as benchmarks do to measure the call path
     * only.
     */
    public Endpoints start(
            List<ServerInterceptor> serverInterceptors, List<ClientInterceptor> clientInterceptors, boolean direct) {
        return start(ProbeService.definition(), serverInterceptors, clientInterceptors, direct);
    }

    /** As above, serving {@code service}: the probe service, or the probe service with interceptors bound to it. */
    public Endpoints start(
            ServerServiceDefinition service,
            List<ServerInterceptor> serverInterceptors,
            List<ClientInterceptor> clientInterceptors,
            boolean direct) {
        try {
            return this == IN_PROCESS
                    ? startInProcess(service, serverInterceptors, clientInterceptors, direct)
                    : startNetty(service, serverInterceptors, clientInterceptors, direct);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Endpoints startInProcess(
            ServerServiceDefinition service,
            List<ServerInterceptor> serverInterceptors,
            List<ClientInterceptor> clientInterceptors,
            boolean direct)
            throws IOException {
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder serverBuilder = InProcessServerBuilder.forName(name);
        InProcessChannelBuilder channelBuilder = InProcessChannelBuilder.forName(name);
        if (direct) {
            serverBuilder.directExecutor();
            channelBuilder.directExecutor();
        }
        serverBuilder.addService(service);
        serverInterceptors.forEach(serverBuilder::intercept);
        channelBuilder.intercept(clientInterceptors);
        return new Endpoints(serverBuilder.build().start(), channelBuilder.build());
    }

    private static Endpoints startNetty(
            ServerServiceDefinition service,
            List<ServerInterceptor> serverInterceptors,
            List<ClientInterceptor> clientInterceptors,
            boolean direct)
            throws IOException {
        NettyServerBuilder serverBuilder = NettyServerBuilder.forAddress(
                new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create());
        if (direct) {
            serverBuilder.directExecutor();
        }
        serverBuilder.addService(service);
        serverInterceptors.forEach(serverBuilder::intercept);
        Server server = serverBuilder.build().start();
        int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
        NettyChannelBuilder channelBuilder =
                NettyChannelBuilder.forAddress("127.0.0.1", port, InsecureChannelCredentials.create());
        if (direct) {
            channelBuilder.directExecutor();
        }
        ManagedChannel channel = channelBuilder.intercept(clientInterceptors).build();
        return new Endpoints(server, channel);
    }

    /** A server and a channel that close together. */
    public record Endpoints(Server server, ManagedChannel channel) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow();
            server.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
