package dev.streamscope.bridge;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service a child JVM runs for {@link ExporterRulesTest}: the probe service over Netty on 127.0.0.1, its server
 * side tracked by the default bridge and its client side by a tracker named {@code edge}. It makes two echo calls that
 * end and opens three that hang, prints {@code READY <before> <after>} (epoch millis around opening the three), and
 * exits when its standard input closes.
 */
public final class ExporterTarget {
    static final String READY = "READY";
    static final int ENDED_CALLS = 2;
    static final int HANGING_CALLS = 3;

    private ExporterTarget() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        StreamScopeBridge edge = StreamScopeBridge.create("edge", 1_000);
        Transport.Endpoints endpoints = Transport.NETTY.start(
                List.of(StreamScopeBridge.defaultBridge().trackingServerInterceptor()),
                List.of(edge.trackingClientInterceptor()),
                false);
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.MINUTES);
        for (int call = 0; call < ENDED_CALLS; call++) {
            ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.ECHO, options, "hello");
        }
        long before = System.currentTimeMillis();
        for (int call = 0; call < HANGING_CALLS; call++) {
            ClientCall<String, String> hanging = endpoints.channel().newCall(ProbeService.HANG, options);
            hanging.start(new ClientCall.Listener<>() {}, new Metadata());
            hanging.sendMessage("wait");
            hanging.halfClose();
        }
        while (StreamScopeBridge.defaultBridge().streams().getOpenStreams() < HANGING_CALLS) {
            // The server side sees the calls a moment after the client sent them; the parent's deadline bounds this.
            Thread.onSpinWait();
        }
        long after = System.currentTimeMillis();
        System.out.println(READY + " " + before + " " + after);
        System.out.flush();
        while (System.in.read() >= 0) {
            // nothing to read; the parent only ever closes the stream
        }
        System.exit(0);
    }
}
