package dev.streamscope.app.jmx.histogram;

import java.time.Instant;

/** A class histogram reply as JDK 17's GC.class_histogram writes it: module suffixes, shaded and hidden names. */
public final class HistogramReplies {

    public static final Instant TAKEN = Instant.parse("2024-01-01T00:00:00Z");

    public static final String JDK_17 = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         61161        4118328  [B (java.base@17.0.15)
               2:          7960        3950632  [I (java.base@17.0.15)
               3:         42134        1011216  java.lang.String (java.base@17.0.15)
               4:           900          86400  io.grpc.internal.ServerCallImpl
               5:           900          72000  io.grpc.netty.shaded.io.grpc.netty.NettyServerStream
               6:           900          64800  io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Connection$DefaultStream
               7:            50           1600  com.example.Foo$$Lambda$77/0x00007fc8cc0e7d80
               8:            12            288  io.grpc.internal.ClientCallImpl
            Total        114017        9305264
            """;

    private HistogramReplies() {}
}
