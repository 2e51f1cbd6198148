package dev.streamscope.app.bench;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a benchmark's simulated target (its gRPC server and its own client channels), all named with
 * {@link #PREFIX}, so that their CPU time can be told from the walker's. The same kinds of threads as grpc-java's
 * defaults: an epoll (or NIO) event loop group of twice the cores, and a cached pool for the application's calls.
 */
final class TargetThreads implements AutoCloseable {
    static final String PREFIX = "target-";

    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup boss = group(1, PREFIX + "boss");
    private final EventLoopGroup workers = group(0, PREFIX + "worker");
    private final ExecutorService executor =
            Executors.newCachedThreadPool(new DefaultThreadFactory(PREFIX + "executor", true));

    NettyServerBuilder serve(NettyServerBuilder builder) {
        return builder.bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .channelType(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .executor(executor);
    }

    NettyChannelBuilder connect(NettyChannelBuilder builder) {
        return builder.eventLoopGroup(workers)
                .channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .executor(executor);
    }

    @Override
    public void close() throws InterruptedException {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private EventLoopGroup group(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }
}
