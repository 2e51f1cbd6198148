package dev.streamscope.app.threads;

/** What a group of threads is, which decides which rules apply to it. */
public enum PoolKind {
    /** Netty event loops (gRPC's transport threads): must never block. */
    EVENT_LOOP,
    /** gRPC's own executors ({@code grpc-default-executor}, {@code grpc-timer}, …). */
    GRPC,
    /** The application's pools and threads. */
    APPLICATION,
    /** The JVM's and JMX's own threads (Reference Handler, Finalizer, RMI, …). */
    JVM
}
