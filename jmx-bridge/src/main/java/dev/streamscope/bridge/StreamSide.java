package dev.streamscope.bridge;

/** Which end of a gRPC call a tracked stream belongs to in this JVM. */
public enum StreamSide {
    /** A call this JVM made through a channel. */
    CLIENT,
    /** A call this JVM serves. */
    SERVER
}
