package dev.streamscope.app.demo;

import dev.streamscope.app.jmx.ChildJvm;

/**
 * The demo service (gRPC with the jmx-bridge, leaking streams) in a child JVM that the Jolokia tests start with the
 * Jolokia agent, so that the bridge has open streams to read over HTTP.
 */
public final class JolokiaDemoChildMain {

    private JolokiaDemoChildMain() {}

    public static void main(String[] arguments) throws Exception {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        DemoChild.start(DemoSettings.fromSystemProperties());
        ChildJvm.readyThenAwaitParent("demo");
    }
}
