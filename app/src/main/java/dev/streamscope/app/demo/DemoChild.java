package dev.streamscope.app.demo;

import dev.streamscope.bridge.SiteSampling;
import dev.streamscope.bridge.StreamScopeBridge;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ChannelzService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Everything the demo child runs: the gRPC server (demo service and channelz), the two client channels with their
 * traffic, the JMX connector and the leak MBean. Started in dependency order, stopped in reverse.
 */
final class DemoChild implements AutoCloseable {

    static final String LEAK_MBEAN_NAME = "dev.streamscope.demo:type=Leak";

    /** Channelz pages of at most this many entries; what grpc-java's own examples use. */
    private static final int CHANNELZ_MAX_PAGE_SIZE = 100;

    private static final long STOP_WAIT_MILLIS = 500;

    private final Server server;
    private final ManagedChannel healthyChannel;
    private final ManagedChannel leakyChannel;
    private final DemoTraffic traffic;
    private final LoopbackJmxServer jmx;

    private DemoChild(
            Server server,
            ManagedChannel healthyChannel,
            ManagedChannel leakyChannel,
            DemoTraffic traffic,
            LoopbackJmxServer jmx) {
        this.server = server;
        this.healthyChannel = healthyChannel;
        this.leakyChannel = leakyChannel;
        this.traffic = traffic;
        this.jmx = jmx;
    }

    static DemoChild start(DemoSettings settings) throws IOException, JMException {
        LeakLedger ledger = newLedger(settings, Runtime.getRuntime().maxMemory());
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        mbeans.registerMBean(ledger, new ObjectName(LEAK_MBEAN_NAME));

        // A site for every stream: the demo opens some 30 streams a second, well under these rates, for which the
        // stack walks cost nothing worth saving, and the Streams tab's groups are then exact rather than estimated.
        StreamScopeBridge.defaultBridge()
                .useSiteSampling(SiteSampling.fromSystemProperties()
                        .withPerMethodRate(1_000)
                        .withProcessRate(1_000));

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Server server = NettyServerBuilder.forAddress(
                        new InetSocketAddress(loopback, 0), InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(
                        new InventoryService(ledger).definition(), bridgeServerInterceptors()))
                .addService(ChannelzService.newInstance(CHANNELZ_MAX_PAGE_SIZE))
                .build()
                .start();
        InetSocketAddress serverAddress = new InetSocketAddress(loopback, server.getPort());
        ManagedChannel healthyChannel = newChannel(serverAddress);
        ManagedChannel leakyChannel = newChannel(serverAddress);
        DemoTraffic traffic = new DemoTraffic(
                ClientInterceptors.intercept(healthyChannel, bridgeClientInterceptors()),
                ClientInterceptors.intercept(leakyChannel, bridgeClientInterceptors()),
                ledger,
                settings);
        LoopbackJmxServer jmx;
        try {
            jmx = LoopbackJmxServer.start(mbeans);
        } catch (IOException | RuntimeException e) {
            leakyChannel.shutdownNow();
            healthyChannel.shutdownNow();
            server.shutdownNow();
            throw e;
        }
        traffic.start();
        if (Boolean.getBoolean(EventLoopBlocker.PROPERTY)) {
            EventLoopBlocker.start(); // ends with the child's JVM, as the demo does
        }
        return new DemoChild(server, healthyChannel, leakyChannel, traffic, jmx);
    }

    /** The leak stops at the configured cap or where pinned buffers would pass their share of the heap. */
    static LeakLedger newLedger(DemoSettings settings, long maxHeapBytes) {
        long pinnedBytesCap = DemoSettings.pinnedBytesCap(maxHeapBytes);
        long streamsWithinHeap = settings.pinnedBytesPerStream() == 0
                ? Integer.MAX_VALUE
                : pinnedBytesCap / settings.pinnedBytesPerStream();
        int leakCap = (int) Math.min(settings.leakCap(), streamsWithinHeap);
        return new LeakLedger(settings.pinnedBytesPerStream(), pinnedBytesCap, leakCap);
    }

    /**
     * The jmx-bridge, as a service owner would add it: one interceptor per server and per channel. It tracks every
     * stream and publishes them at {@code dev.streamscope:type=GrpcStreams}.
     */
    private static List<ServerInterceptor> bridgeServerInterceptors() {
        return List.of(StreamScopeBridge.defaultBridge().trackingServerInterceptor());
    }

    private static List<ClientInterceptor> bridgeClientInterceptors() {
        return List.of(StreamScopeBridge.defaultBridge().trackingClientInterceptor());
    }

    private static ManagedChannel newChannel(InetSocketAddress serverAddress) {
        return NettyChannelBuilder.forAddress(serverAddress, InsecureChannelCredentials.create())
                .build();
    }

    DemoHandshake handshake() {
        return DemoHandshake.of(
                jmx.registryPort(), server.getPort(), ProcessHandle.current().pid());
    }

    /** Quick rather than graceful: the demo's leaked streams would never end by themselves. */
    @Override
    public void close() {
        traffic.close();
        leakyChannel.shutdownNow();
        healthyChannel.shutdownNow();
        server.shutdownNow();
        jmx.close();
        try {
            leakyChannel.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            healthyChannel.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            server.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
