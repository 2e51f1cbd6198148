package dev.streamscope.app.jmx.histogram;

import java.util.List;

/**
 * The classes whose instances are gRPC calls and HTTP/2 streams on the heap, as grpc-java and Netty name them, also
 * under grpc-netty-shaded's {@code io.grpc.netty.shaded.} prefix. Each open call holds one of the call classes per
 * side, plus a transport stream and its listeners.
 */
public final class GrpcStreamClasses {

    private static final String SHADED = "io.grpc.netty.shaded.";
    private static final List<String> CALLS =
            List.of("io.grpc.internal.ServerCallImpl", "io.grpc.internal.ClientCallImpl");
    private static final List<String> EXACT = List.of(
            "io.grpc.internal.ServerImpl$JumpToApplicationThreadServerStreamListener",
            "io.grpc.internal.ServerCallImpl$ServerStreamListenerImpl",
            "io.grpc.internal.ClientCallImpl$ClientStreamListenerImpl",
            "io.grpc.internal.DelayedStream",
            "io.grpc.internal.RetriableStream",
            "io.netty.handler.codec.http2.DefaultHttp2Connection$DefaultStream",
            "io.grpc.okhttp.OkHttpClientStream",
            "io.grpc.okhttp.OkHttpServerStream",
            "io.grpc.inprocess.InProcessTransport$InProcessStream");
    private static final String NETTY_PACKAGE = "io.grpc.netty.";

    private GrpcStreamClasses() {}

    /** Whether instances of {@code className} are gRPC calls or streams. */
    public static boolean matches(String className) {
        String name = unshaded(className);
        if (CALLS.contains(name) || EXACT.contains(name)) {
            return true;
        }
        if (!name.startsWith(NETTY_PACKAGE)) {
            return false;
        }
        // NettyServerStream, NettyClientStream and their TransportState, Sink...; not
        // NettyServerHandler$RstStreamCounter
        int nested = name.indexOf('$');
        String topLevel = name.substring(
                name.lastIndexOf('.', nested < 0 ? name.length() : nested) + 1, nested < 0 ? name.length() : nested);
        return topLevel.startsWith("Netty") && topLevel.endsWith("Stream");
    }

    /** Whether instances of {@code className} are calls, one per call and side. */
    static boolean isCall(String className) {
        return CALLS.contains(unshaded(className));
    }

    private static String unshaded(String className) {
        return className.startsWith(SHADED) ? className.substring(SHADED.length()) : className;
    }
}
