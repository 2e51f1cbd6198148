package dev.streamscope.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.CallDeadline;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.channelz.v1.Channel;
import io.grpc.channelz.v1.ChannelzGrpc;
import io.grpc.channelz.v1.GetServerSocketsRequest;
import io.grpc.channelz.v1.GetServersRequest;
import io.grpc.channelz.v1.GetSocketRequest;
import io.grpc.channelz.v1.GetTopChannelsRequest;
import io.grpc.channelz.v1.Server;
import io.grpc.channelz.v1.SocketData;
import io.grpc.channelz.v1.SocketRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One real demo child, shared by the tests that only look at it: JMX and channelz as a remote client sees them. */
class DemoTargetLauncherTest {

    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
    private static final Duration LEAK_WAIT = Duration.ofSeconds(30);

    /** More open streams than our own channelz call and the healthy watcher can hold at once: only the leak gets here. */
    private static final long LEAKED_STREAMS_ON_ONE_SOCKET = 10;

    private static DemoTarget demo;
    private static ManagedChannel channelz;
    private static CallDeadline jmxCalls;

    @BeforeAll
    static void startDemo() throws DemoLaunchException {
        demo = DemoTargetLauncher.start(START_DEADLINE);
        channelz = Grpc.newChannelBuilder(demo.channelzAddress(), InsecureChannelCredentials.create())
                .build();
        jmxCalls = new CallDeadline("demo-test");
    }

    @AfterAll
    static void stopDemo() throws InterruptedException {
        try {
            if (channelz != null) {
                channelz.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            if (jmxCalls != null) {
                jmxCalls.close();
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    @Test
    void handshakeNamesTwoLoopbackPortsOfALiveChild() {
        assertThat(demo.isAlive()).isTrue();
        assertThat(demo.jmxAddress()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(demo.channelzAddress()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo(demo.jmxAddress());
        assertThat(demo.jmxServiceUrl()).isEqualTo("service:jmx:rmi:///jndi/rmi://" + demo.jmxAddress() + "/jmxrmi");
        assertThat(demo.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(demo.exitCode()).isEmpty();
    }

    @Test
    void leakMBeanShowsLeakedStreamsGrowingOverJmx() throws Exception {
        JMXServiceURL url = new JMXServiceURL(demo.jmxServiceUrl());
        JMXConnector connector = jmxCalls.run(CALL_DEADLINE, () -> JMXConnectorFactory.connect(url));
        try {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName leak = new ObjectName("dev.streamscope.demo:type=Leak");
            int before = leakedStreams(server, leak);

            await().atMost(LEAK_WAIT).until(() -> leakedStreams(server, leak) > before + 5);

            List<Attribute> attributes = jmxCalls.run(
                            CALL_DEADLINE,
                            () -> server.getAttributes(
                                    leak, new String[] {"PinnedBytes", "LeakCap", "AbandonedStreams"}))
                    .asList();
            assertThat((Long) attributes.get(0).getValue()).isPositive();
            assertThat((Integer) attributes.get(1).getValue()).isEqualTo(3_072);
            assertThat((Long) attributes.get(2).getValue()).isPositive();
        } finally {
            jmxCalls.run(CALL_DEADLINE, () -> {
                connector.close();
                return null;
            });
        }
    }

    @Test
    void channelzListsTheHealthyAndLeakyChannelsAndTheServer() {
        String serverPort =
                demo.channelzAddress().substring(demo.channelzAddress().indexOf(':') + 1);

        await().atMost(LEAK_WAIT).untilAsserted(() -> {
            List<Channel> channels = channelzStub()
                    .getTopChannels(GetTopChannelsRequest.getDefaultInstance())
                    .getChannelList();
            assertThat(channels)
                    .filteredOn(channel -> channel.getData().getTarget().endsWith(":" + serverPort))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(channel ->
                            assertThat(channel.getSubchannelRefCount()).isPositive());
        });

        List<Server> servers = channelzStub()
                .getServers(GetServersRequest.getDefaultInstance())
                .getServerList();
        assertThat(servers).isNotEmpty();
        assertThat(servers.get(0).getListenSocketCount()).isEqualTo(1);
    }

    @Test
    void channelzShowsAServerSocketWithStreamsThatNeverEnded() {
        await().atMost(LEAK_WAIT).until(() -> mostOpenStreamsOnAServerSocket() >= LEAKED_STREAMS_ON_ONE_SOCKET);
    }

    private long mostOpenStreamsOnAServerSocket() {
        long most = 0;
        for (Server server : channelzStub()
                .getServers(GetServersRequest.getDefaultInstance())
                .getServerList()) {
            List<SocketRef> sockets = channelzStub()
                    .getServerSockets(GetServerSocketsRequest.newBuilder()
                            .setServerId(server.getRef().getServerId())
                            .build())
                    .getSocketRefList();
            for (SocketRef socket : sockets) {
                SocketData data = channelzStub()
                        .getSocket(GetSocketRequest.newBuilder()
                                .setSocketId(socket.getSocketId())
                                .build())
                        .getSocket()
                        .getData();
                most = Math.max(most, data.getStreamsStarted() - data.getStreamsSucceeded() - data.getStreamsFailed());
            }
        }
        return most;
    }

    private static int leakedStreams(MBeanServerConnection server, ObjectName leak) throws Exception {
        return (Integer) jmxCalls.run(CALL_DEADLINE, () -> server.getAttribute(leak, "LeakedStreams"));
    }

    /** A fresh deadline for each call: a stub's deadline is fixed when the stub is made. */
    private static ChannelzGrpc.ChannelzBlockingStub channelzStub() {
        return ChannelzGrpc.newBlockingStub(channelz)
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
