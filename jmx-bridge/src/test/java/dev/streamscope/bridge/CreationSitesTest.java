package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * Creation sites over real gRPC calls (in-process and Netty) with the bridge on both ends. The registry's clock is the
 * one thing not real: the test moves it so that streams are minutes old without waiting minutes.
 */
class CreationSitesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final long MINUTE = 60_000;
    private static final String CHAT = ProbeService.CHAT.getFullMethodName();
    private static final String HERE = CreationSitesTest.class.getName();

    private final long[] now = {1_700_000_000_000L};
    private final OpenStreamRegistry registry = new OpenStreamRegistry(1_000, () -> now[0]);

    @Test
    void leakingLineComesFirstWithItsOverdueStreamsAndTheHealthyLineIsNotOverdue() throws Exception {
        registry.sites().sampling(SiteSampling.defaults());
        try (Transport.Endpoints endpoints = start(Transport.NETTY)) {
            for (int i = 0; i < 5; i++) {
                abandonChat(endpoints.channel());
            }
            awaitOpen(10);
            now[0] += 2 * MINUTE;
            List<ClientCall<String, String>> healthy = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                healthy.add(chatBriefly(endpoints.channel()));
            }
            ClientCall<String, String> finished = chatBriefly(endpoints.channel());
            awaitOpen(18);
            finished.cancel("done", null);
            awaitOpen(16);

            StreamSites sites = registry.sites(MINUTE, new String[0], new long[0], 10);

            SiteRow leak = sites.getSites().get(0);
            assertThat(leak.getKind()).isEqualTo(SiteKind.CLIENT_CALL);
            assertThat(leak.getSite()).startsWith(HERE + ".abandonChat(CreationSitesTest.java:");
            assertThat(leak.getMethod()).isEqualTo(CHAT);
            assertThat(leak.getOpenStreams()).isEqualTo(5);
            assertThat(leak.getOverdueStreams()).isEqualTo(5);
            assertThat(leak.getOldestAgeMillis()).isEqualTo(2 * MINUTE);
            assertThat(leak.isSampled()).isFalse();
            assertThat(leak.getFrames()[0]).isEqualTo(leak.getSite());
            assertThat(leak.getFrames()[1]).startsWith(HERE + ".leakingLineComesFirst");

            assertThat(leak.getOpenEstimate()).isEqualTo(5);
            assertThat(leak.getOverdueEstimate()).isEqualTo(5);
            assertThat(leak.getSampledOverdue()).isEqualTo(5);

            // lines of code first, whatever their counts: the healthy line, then the server side's remote client
            SiteRow brief = sites.getSites().get(1);
            assertThat(brief.getSite()).startsWith(HERE + ".chatBriefly(CreationSitesTest.java:");
            assertThat(brief.getOpenStreams()).isEqualTo(3);
            assertThat(brief.getOverdueStreams()).isZero();
            assertThat(brief.getOverdueEstimate()).isZero();

            SiteRow server = sites.getSites().get(2);
            assertThat(server.getKind()).isEqualTo(SiteKind.SERVER_METHOD);
            assertThat(server.getSite()).isEqualTo("remote client 127.0.0.1");
            assertThat(server.getOpenStreams()).isEqualTo(8);
            assertThat(server.getOverdueStreams()).isEqualTo(5);
            assertThat(server.getFrames()).isEmpty();
            assertThat(sites.getSites()).hasSize(3);
            assertThat(sites.getOtherGroups()).isZero();
            healthy.forEach(call -> call.cancel("done", null));
            awaitOpen(10);
        }
    }

    @Test
    void perMethodLifetimesDecideWhatIsOverdue() throws Exception {
        try (Transport.Endpoints endpoints = start(Transport.IN_PROCESS)) {
            abandonChat(endpoints.channel());
            awaitOpen(2);
            now[0] += 2 * MINUTE;

            StreamSites sites = registry.sites(MINUTE, new String[] {CHAT}, new long[] {60 * MINUTE}, 10);

            assertThat(sites.getSites()).extracting(SiteRow::getOverdueStreams).containsOnly(0L);
            assertThat(sites.getSites()).extracting(SiteRow::getLifetimeMillis).containsOnly(60 * MINUTE);
            assertThat(registry.sites(MINUTE, null, null, 10).getSites())
                    .extracting(SiteRow::getOverdueStreams)
                    .containsOnly(1L);
        }
    }

    @Test
    void pastTheFirstStreamsOnlySampledOnesGetASiteAndTheRestCountAsNotSampled() throws Exception {
        registry.sites().sampling(SiteSampling.defaults().withAlwaysFirst(2).withPerMethodRate(0));
        try (Transport.Endpoints endpoints = start(Transport.IN_PROCESS)) {
            for (int i = 0; i < 5; i++) {
                abandonChat(endpoints.channel());
            }
            awaitOpen(10);

            List<SiteRow> rows = registry.sites(MINUTE, null, null, 10).getSites();

            assertThat(rows)
                    .extracting(SiteRow::getKind, SiteRow::getSide, SiteRow::getOpenStreams, SiteRow::isSampled)
                    .containsExactly(
                            tuple(SiteKind.CLIENT_CALL, StreamSide.CLIENT, 2L, true),
                            tuple(SiteKind.SERVER_METHOD, StreamSide.SERVER, 2L, true),
                            tuple(SiteKind.NOT_SAMPLED, StreamSide.CLIENT, 3L, true),
                            tuple(SiteKind.NOT_SAMPLED, StreamSide.SERVER, 3L, true));
            assertThat(rows.get(2).getSite()).isNull();
            assertThat(rows.get(2).getMethod()).isEqualTo(CHAT);
            // no sample came after the unsampled ones, so no estimate places them: they stay in the remainder
            assertThat(rows)
                    .extracting(SiteRow::getOpenEstimate, SiteRow::getSampledOpen)
                    .containsExactly(tuple(2L, 2L), tuple(2L, 2L), tuple(3L, 3L), tuple(3L, 3L));
        }
    }

    @Test
    void groupsPastTheLimitAreSummedAsOther() throws Exception {
        try (Transport.Endpoints endpoints = start(Transport.IN_PROCESS)) {
            abandonChat(endpoints.channel());
            chatBriefly(endpoints.channel());
            awaitOpen(4);

            StreamSites sites = registry.sites(0, null, null, 1);

            // a line of code leads even though the server row holds both streams; the other line and it are summed
            assertThat(sites.getSites()).extracting(SiteRow::getKind).containsExactly(SiteKind.CLIENT_CALL);
            assertThat(sites.getOtherGroups()).isEqualTo(2);
            assertThat(sites.getOtherOpenStreams()).isEqualTo(3);
            assertThat(sites.getOtherOverdueStreams()).isEqualTo(3);
        }
    }

    @Test
    void noOpenStreamsReadsAsNoGroups() {
        StreamSites sites = registry.sites(MINUTE, null, null, 10);

        assertThat(sites.getSites()).isEmpty();
        assertThat(sites.getOtherGroups()).isZero();
        assertThat(sites.getAlwaysFirst()).isEqualTo(SiteSampling.DEFAULT_ALWAYS_FIRST);
    }

    @Test
    void aJmxClientReadsTheSitesWithOpenTypesOnly() throws Exception {
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(StreamScopeBridge.OBJECT_NAME + ",name=creation-sites-test");
        platform.registerMBean(registry, name);
        try (Transport.Endpoints endpoints = start(Transport.IN_PROCESS)) {
            abandonChat(endpoints.channel());
            awaitOpen(2);

            CompositeData sites = (CompositeData) platform.invoke(
                    name, "sites", new Object[] {MINUTE, new String[] {CHAT}, new long[] {MINUTE}, 10}, new String[] {
                        "long", String[].class.getName(), long[].class.getName(), "int"
                    });

            CompositeData first = ((CompositeData[]) sites.get("sites"))[0];
            assertThat(first.get("kind")).isEqualTo("CLIENT_CALL");
            assertThat((String) first.get("site")).startsWith(HERE + ".abandonChat(");
            assertThat(first.get("openStreams")).isEqualTo(1L);
            assertThat((String[]) first.get("frames")).isNotEmpty();
            assertThat(first.get("openEstimate")).isEqualTo(1L);
            assertThat(first.get("overdueEstimate")).isEqualTo(0L);
            assertThat(first.get("sampledOpen")).isEqualTo(1L);
            assertThat(first.get("sampledOverdue")).isEqualTo(0L);
            assertThat(sites.get("perMethodRate")).isEqualTo(SiteSampling.DEFAULT_PER_METHOD_RATE);
            assertThat(sites.get("processRate")).isEqualTo(SiteSampling.DEFAULT_PROCESS_RATE);
        } finally {
            platform.unregisterMBean(name);
        }
    }

    @Test
    void aJavaClientWithTheBridgeGetsSiteRowsBackWithTheirEstimates() throws Exception {
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(StreamScopeBridge.OBJECT_NAME + ",name=creation-sites-proxy-test");
        platform.registerMBean(registry, name);
        try (Transport.Endpoints endpoints = start(Transport.IN_PROCESS)) {
            abandonChat(endpoints.channel());
            awaitOpen(2);

            StreamSites sites =
                    JMX.newMXBeanProxy(platform, name, GrpcStreamsMXBean.class).sites(MINUTE, null, null, 10);

            SiteRow first = sites.getSites().get(0);
            assertThat(first.getSite()).startsWith(HERE + ".abandonChat(");
            assertThat(first.getOpenEstimate()).isEqualTo(1);
            assertThat(first.getSampledOpen()).isEqualTo(1);
            assertThat(sites.getPerMethodRate()).isEqualTo(SiteSampling.DEFAULT_PER_METHOD_RATE);
        } finally {
            platform.unregisterMBean(name);
        }
    }

    @Test
    void overdueCountsFromBothEndsMatchTheStreamsOlderThanTheLifetimeWhateverEndedBetween() {
        registry.sites().sampling(SiteSampling.defaults().withSampleEvery(1));
        List<TrackedStream> streams = new ArrayList<>();
        for (int stream = 0; stream < 20; stream++) {
            now[0]++;
            TrackedServerCall<String, String> call =
                    new TrackedServerCall<>(new IdleServerCall(ProbeService.CHAT, stream), registry);
            registry.open(call);
            streams.add(call);
        }
        for (int ended : new int[] {0, 3, 4, 10, 19}) {
            registry.end(streams.get(ended));
        }
        long lastStart = now[0];
        for (long lifetime = 0; lifetime <= 21; lifetime++) {
            long boundary = lastStart - lifetime;
            long expected = streams.stream()
                    .filter(stream -> !stream.isEnded() && stream.startEpochMillis() <= boundary)
                    .count();

            SiteRow row = registry.sites(lifetime, null, null, 10).getSites().get(0);

            assertThat(row.getOverdueStreams()).as("lifetime %d ms", lifetime).isEqualTo(expected);
            assertThat(row.getOpenStreams()).isEqualTo(15);
            assertThat(row.getOldestAgeMillis())
                    .isEqualTo(lastStart - streams.get(1).startEpochMillis());
        }
    }

    @Test
    void twoLinesOfOneMethodAreTwoSitesAndALineSeenAgainIsItsSameSite() throws Exception {
        try (Transport.Endpoints endpoints = start(Transport.IN_PROCESS)) {
            for (int i = 0; i < 3; i++) {
                openFromTwoLines(endpoints.channel());
            }
            awaitOpen(12);

            List<SiteRow> clientRows = registry.sites(MINUTE, null, null, 10).getSites().stream()
                    .filter(row -> row.getKind() == SiteKind.CLIENT_CALL)
                    .toList();

            assertThat(clientRows).extracting(SiteRow::getOpenStreams).containsExactly(3L, 3L);
            assertThat(clientRows)
                    .extracting(SiteRow::getSite)
                    .doesNotHaveDuplicates()
                    .allSatisfy(
                            site -> assertThat(site).startsWith(HERE + ".openFromTwoLines(CreationSitesTest.java:"));
        }
    }

    @Test
    void generatedStubsAndConfiguredPrefixesAreSkipped() {
        SiteSampling sampling = SiteSampling.defaults().withSkipped("com.acme.rpc.");

        assertThat(sampling.skips("com.acme.WatchGrpc$WatchStub")).isTrue();
        assertThat(sampling.skips("com.acme.WatchGrpc$WatchBlockingStub")).isTrue();
        assertThat(sampling.skips("com.acme.rpc.RetryingInterceptor")).isTrue();
        assertThat(sampling.skips("kotlinx.coroutines.DispatchedTask")).isTrue();
        assertThat(sampling.skips("com.acme.WatchClient")).isFalse();
        assertThat(sampling.skips("com.acme.Grpc$Stubborn")).isFalse();
    }

    private Transport.Endpoints start(Transport transport) {
        return transport.start(
                List.of(new TrackingServerInterceptor(registry)),
                List.of(new TrackingClientInterceptor(registry)),
                false);
    }

    /** The leak: a bidi stream opened and dropped, never half-closed or cancelled. */
    private static void abandonChat(Channel channel) {
        ClientCalls.asyncBidiStreamingCall(channel.newCall(ProbeService.CHAT, CallOptions.DEFAULT), new Ignoring())
                .onNext("hello");
    }

    /** Two streams, each opened on a line of its own. */
    private static void openFromTwoLines(Channel channel) {
        ClientCalls.asyncBidiStreamingCall(channel.newCall(ProbeService.CHAT, CallOptions.DEFAULT), new Ignoring())
                .onNext("one");
        ClientCalls.asyncBidiStreamingCall(channel.newCall(ProbeService.CHAT, CallOptions.DEFAULT), new Ignoring())
                .onNext("two");
    }

    /** A legitimate stream, which its caller cancels when done. */
    private static ClientCall<String, String> chatBriefly(Channel channel) {
        ClientCall<String, String> call = channel.newCall(ProbeService.CHAT, CallOptions.DEFAULT);
        ClientCalls.asyncBidiStreamingCall(call, new Ignoring()).onNext("hello");
        return call;
    }

    private void awaitOpen(int streams) {
        await().atMost(PATIENCE).until(registry::getOpenStreams, open -> open == streams);
    }

    private static final class Ignoring implements StreamObserver<String> {
        @Override
        public void onNext(String value) {}

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {}
    }
}
