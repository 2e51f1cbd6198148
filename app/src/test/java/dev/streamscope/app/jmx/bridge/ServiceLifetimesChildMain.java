package dev.streamscope.app.jmx.bridge;

import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.bridge.StreamScopeBridge;
import java.io.IOException;

/** A child JVM whose bridge was given lifetimes by {@code -Dstreamscope.lifetime}, as a service owner would. */
public final class ServiceLifetimesChildMain {

    private ServiceLifetimesChildMain() {}

    public static void main(String[] args) throws IOException {
        StreamScopeBridge.defaultBridge();
        ChildJvm.readyThenAwaitParent("bridge registered");
    }
}
