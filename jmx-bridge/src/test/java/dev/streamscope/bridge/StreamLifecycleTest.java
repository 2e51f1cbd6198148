package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way a stream can end forgets it, on both sides, over real in-process and Netty (127.0.0.1) transports. */
class StreamLifecycleTest {
    private static final AtomicInteger BRIDGES = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private StreamScopeBridge bridge;
    private Transport.Endpoints endpoints;

    private GrpcStreamsMXBean start(Transport transport, int capacity) {
        bridge = StreamScopeBridge.create("lifecycle-" + BRIDGES.incrementAndGet(), capacity);
        endpoints = transport.start(
                List.of(bridge.trackingServerInterceptor()), List.of(bridge.trackingClientInterceptor()), false);
        return bridge.streams();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (endpoints != null) {
            endpoints.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void completedUnaryCallIsForgottenOnBothSides(Transport transport) {
        GrpcStreamsMXBean streams = start(transport, 100);
        long started = System.nanoTime();

        assertThat(ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.ECHO, options(), "hello"))
                .isEqualTo("hello");

        awaitForgotten(streams, 2);
        double tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + 1;
        assertThat(streams.getEndedTotal()).isEqualTo(2);
        assertThat(streams.getDroppedTotal()).isZero();
        // the mean is over the call's two sides, and neither can have lived longer than the test spent on the call
        assertThat(streams.getEndedLifetimeCount()).isEqualTo(2);
        assertThat(streams.getMeanLifetimeMillis())
                .isEqualTo(streams.getEndedLifetimeMillisSum() / 2.0)
                .isBetween(0.0, tookMillis);
        assertThat(streams.getOldestAgeMillis()).isZero();
        assertThat(streams.oldest(10)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void deadlineExceededCallIsForgottenOnBothSides(Transport transport) {
        GrpcStreamsMXBean streams = start(transport, 100);
        // A first call connects, so the short deadline below starts counting with the server already reachable.
        ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.ECHO, options(), "connect");

        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(
                        endpoints.channel(),
                        ProbeService.HANG,
                        CallOptions.DEFAULT.withDeadlineAfter(200, TimeUnit.MILLISECONDS),
                        "anyone?"))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

        awaitForgotten(streams, 4);
        // the hung call's client side lived until its 200 ms deadline ended it (its deadline counts from just before
        // the call starts, hence a margin); the mean is over all four sides
        assertThat(streams.getEndedLifetimeMillisSum()).isGreaterThanOrEqualTo(150);
        assertThat(streams.getMeanLifetimeMillis()).isEqualTo(streams.getEndedLifetimeMillisSum() / 4.0);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void callTheServerCancelsIsForgottenOnBothSides(Transport transport) {
        GrpcStreamsMXBean streams = start(transport, 100);

        assertThatThrownBy(
                        () -> ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.REFUSE, options(), "x"))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));

        awaitForgotten(streams, 2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void callWhoseHandlerThrowsIsForgottenOnBothSides(Transport transport) {
        GrpcStreamsMXBean streams = start(transport, 100);

        assertThatThrownBy(
                        () -> ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.BROKEN, options(), "x"))
                .isInstanceOf(StatusRuntimeException.class);

        awaitForgotten(streams, 2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void abandonedServerStreamingIteratorStaysTrackedUntilCancelled(Transport transport) throws Exception {
        GrpcStreamsMXBean streams = start(transport, 100);
        Context.CancellableContext abandoned = Context.current().withCancellation();
        Iterator<String> ticks = abandoned.call(() ->
                ClientCalls.blockingServerStreamingCall(endpoints.channel(), ProbeService.TICKS, options(), "go"));
        assertThat(ticks.next()).isEqualTo("tick");
        // The client walks away from the iterator: nothing ends the stream, so both sides stay tracked.

        await().atMost(PATIENCE).until(() -> streams.getOpenStreams() == 2);
        long ageBefore = streams.getOldestAgeMillis();
        await().atMost(PATIENCE).until(() -> streams.getOldestAgeMillis() > ageBefore + 50);
        List<StreamRow> rows = streams.oldest(10);
        assertThat(rows).extracting(StreamRow::getType).containsOnly(MethodType.SERVER_STREAMING);
        assertThat(rows).extracting(StreamRow::getSide).containsExactlyInAnyOrder(StreamSide.CLIENT, StreamSide.SERVER);
        assertThat(streams.countOlderThan(50)).isEqualTo(2);

        abandoned.cancel(null);
        // Before about grpc-java 1.6x the blocking iterator ran the call's callbacks only on the caller's thread, so
        // the
        // client side hears of the cancellation when the iterator is next touched, as a real caller would.
        assertThatThrownBy(ticks::hasNext).isInstanceOf(StatusRuntimeException.class);
        awaitForgotten(streams, 2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bidiCallWithoutHalfCloseStaysTrackedWithCountsUntilCancelled(Transport transport) {
        GrpcStreamsMXBean streams = start(transport, 100);
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        ClientCall<String, String> chat = startChat(events);
        chat.sendMessage("one");
        chat.sendMessage("two");
        // The client never half-closes.

        await().atMost(PATIENCE).until(() -> events.size() >= 2);
        await().atMost(PATIENCE)
                .until(() -> rowsBySide(streams, StreamSide.SERVER).getMessagesSent() == 2);
        StreamRow client = rowsBySide(streams, StreamSide.CLIENT);
        StreamRow server = rowsBySide(streams, StreamSide.SERVER);
        assertThat(client.getMethod()).isEqualTo("streamscope.probe.Probe/Chat");
        assertThat(client.getType()).isEqualTo(MethodType.BIDI_STREAMING);
        assertThat(client.getMessagesSent()).isEqualTo(2);
        assertThat(client.getMessagesReceived()).isEqualTo(2);
        assertThat(client.isHalfClosedLocal()).isFalse();
        assertThat(server.getMessagesReceived()).isEqualTo(2);
        assertThat(server.isHalfClosedRemote()).isFalse();
        assertThat(server.getLastActivityEpochMillis()).isGreaterThanOrEqualTo(server.getStartEpochMillis());
        long ageBefore = server.getAgeMillis();
        await().atMost(PATIENCE)
                .until(() -> rowsBySide(streams, StreamSide.SERVER).getAgeMillis() > ageBefore + 50);

        chat.cancel("client gives up", null);
        awaitForgotten(streams, 2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bidiCallThatHalfClosesCompletesAndIsForgotten(Transport transport) {
        GrpcStreamsMXBean streams = start(transport, 100);
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        ClientCall<String, String> chat = startChat(events);
        chat.sendMessage("bye");
        chat.halfClose();

        await().atMost(PATIENCE).until(() -> events.contains(Status.Code.OK));
        awaitForgotten(streams, 2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void transportFailureForgetsOpenStreams(Transport transport) {
        GrpcStreamsMXBean streams = start(transport, 100);
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        startChat(events).sendMessage("hello");
        await().atMost(PATIENCE).until(() -> streams.getOpenStreams() == 2);

        endpoints.server().shutdownNow();

        // In-process reports UNAVAILABLE; Netty's forceful close resets the stream, which the client sees as CANCELLED.
        await().atMost(PATIENCE)
                .until(() -> events.contains(Status.Code.UNAVAILABLE) || events.contains(Status.Code.CANCELLED));
        awaitForgotten(streams, 2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void streamsPastCapacityAreDroppedAndRunUntouched(Transport transport) {
        GrpcStreamsMXBean streams = start(transport, 2);
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        ClientCall<String, String> first = startChat(events);
        first.sendMessage("one");
        await().atMost(PATIENCE).until(() -> streams.getOpenStreams() == 2);

        // Both sides of this call find the registry full; the call works all the same.
        assertThat(ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.ECHO, options(), "still works"))
                .isEqualTo("still works");
        assertThat(streams.getDroppedTotal()).isEqualTo(2);
        assertThat(streams.getOpenStreams()).isEqualTo(2);
        assertThat(streams.oldest(10)).hasSize(2);

        first.cancel("done", null);
        awaitForgotten(streams, 2);
        ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.ECHO, options(), "tracked again");
        await().atMost(PATIENCE).until(() -> streams.getEndedTotal() == 4);
        assertThat(streams.getStartedTotal()).isEqualTo(4);
    }

    private ClientCall<String, String> startChat(LinkedBlockingQueue<Object> events) {
        ClientCall<String, String> call = endpoints.channel().newCall(ProbeService.CHAT, options());
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(String message) {
                        events.add(message);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        events.add(status.getCode());
                    }
                },
                new Metadata());
        call.request(Integer.MAX_VALUE);
        return call;
    }

    private static StreamRow rowsBySide(GrpcStreamsMXBean streams, StreamSide side) {
        return streams.oldest(10).stream()
                .filter(row -> row.getSide() == side)
                .findFirst()
                .orElseThrow();
    }

    private static CallOptions options() {
        return CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static void awaitForgotten(GrpcStreamsMXBean streams, long started) {
        await().atMost(PATIENCE).until(() -> streams.getOpenStreams() == 0 && streams.getEndedTotal() == started);
        assertThat(streams.getStartedTotal()).isEqualTo(started);
        assertThat(streams.oldest(10)).isEmpty();
        assertThat(streams.countOlderThan(0)).isZero();
    }
}
