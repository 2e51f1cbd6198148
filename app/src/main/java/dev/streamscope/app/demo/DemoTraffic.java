package dev.streamscope.app.demo;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients inside the demo child: healthy calls that all finish under a deadline or are cancelled after a while on
 * one channel, and on another a client with the seed bug, which opens {@code Watch} streams and abandons them (no
 * half-close, no cancel, no deadline). Each kind of call starts from its own line here, so the bridge's creation sites
 * name {@link #watchAndAbandon()} as the leaking line.
 * One scheduler thread fires all calls asynchronously, so the traffic costs little CPU.
 */
final class DemoTraffic implements AutoCloseable {

    private static final long HEALTHY_DEADLINE_SECONDS = 5;
    private static final long LIST_ITEMS_PERIOD_MILLIS = 1_000;
    private static final long HEALTHY_WATCH_PERIOD_MILLIS = 2_000;
    /** A healthy watcher's stream lives this long before its caller cancels it: open for a while, yet never overdue. */
    static final long BRIEF_WATCH_MILLIS = 2_000;

    private final Channel healthy;
    private final Channel leaky;
    private final LeakLedger ledger;
    private final DemoSettings settings;
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "streamscope-demo-traffic");
        thread.setDaemon(true);
        return thread;
    });

    DemoTraffic(Channel healthy, Channel leaky, LeakLedger ledger, DemoSettings settings) {
        this.healthy = healthy;
        this.leaky = leaky;
        this.ledger = ledger;
        this.settings = settings;
    }

    void start() {
        if (settings.healthyCallsPerSecond() > 0) {
            every(periodMicros(settings.healthyCallsPerSecond()), this::lookup);
            every(LIST_ITEMS_PERIOD_MILLIS * 1_000, this::listItems);
            every(HEALTHY_WATCH_PERIOD_MILLIS * 1_000, this::watchAndFinish);
            every(HEALTHY_WATCH_PERIOD_MILLIS * 1_000, this::watchBriefly);
        }
        if (settings.leakedStreamsPerSecond() > 0) {
            long period = periodMicros(settings.leakedStreamsPerSecond());
            every(settings.leakAfter().toNanos() / 1_000 + period, period, this::watchAndAbandon);
        }
    }

    private void lookup() {
        ClientCalls.asyncUnaryCall(
                healthy.newCall(InventoryMethods.LOOKUP, healthyOptions()), nextItem(), new Ignoring());
    }

    private void listItems() {
        ClientCalls.asyncServerStreamingCall(
                healthy.newCall(InventoryMethods.LIST_ITEMS, healthyOptions()),
                StringValue.of("shelf-" + sequence.incrementAndGet() % 10),
                new Ignoring());
    }

    /** What a correct watcher does: a couple of messages, then a half-close, so the server ends the stream. */
    private void watchAndFinish() {
        StreamObserver<StringValue> requests = ClientCalls.asyncBidiStreamingCall(
                healthy.newCall(InventoryMethods.WATCH, healthyOptions()), new Ignoring());
        requests.onNext(nextItem());
        requests.onNext(nextItem());
        requests.onCompleted();
    }

    /** A watcher that is done after a while and cancels its stream, as a UI closing a live view does. */
    private void watchBriefly() {
        ClientCall<StringValue, StringValue> call = healthy.newCall(InventoryMethods.WATCH, CallOptions.DEFAULT);
        ClientCalls.asyncBidiStreamingCall(call, new Ignoring()).onNext(nextItem());
        scheduler.schedule(() -> call.cancel("watched long enough", null), BRIEF_WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The seed bug: open a stream, send one request, drop the request observer. Nothing ever half-closes or cancels
     * the call and it has no deadline, so both ends keep it open, and the server's buffer with it, until the
     * connection dies.
     */
    private void watchAndAbandon() {
        if (ledger.leakCapReached()) {
            return;
        }
        StreamObserver<StringValue> requests = ClientCalls.asyncBidiStreamingCall(
                leaky.newCall(InventoryMethods.WATCH, CallOptions.DEFAULT), new Ignoring());
        requests.onNext(nextItem());
        ledger.recordAbandoned();
    }

    private CallOptions healthyOptions() {
        return CallOptions.DEFAULT.withDeadlineAfter(HEALTHY_DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private StringValue nextItem() {
        return StringValue.of("sku-" + sequence.incrementAndGet() % 1_000);
    }

    private void every(long periodMicros, Runnable call) {
        every(periodMicros, periodMicros, call);
    }

    private void every(long firstMicros, long periodMicros, Runnable call) {
        // a failing call must not cancel the periodic task; the channels report their own errors to channelz
        Runnable guarded = () -> {
            try {
                call.run();
            } catch (RuntimeException ignored) {
                // the channel is shutting down or the call was refused; the next tick tries again
            }
        };
        scheduler.scheduleAtFixedRate(guarded, firstMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    private static long periodMicros(double perSecond) {
        return Math.max(1, Math.round(1_000_000 / perSecond));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Responses and errors matter to nobody here: channelz and the server count them. */
    private static final class Ignoring implements StreamObserver<StringValue> {
        @Override
        public void onNext(StringValue value) {}

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {}
    }
}
