package dev.streamscope.app.demo;

import java.io.IOException;
import java.io.InputStream;

/**
 * Main class of the demo child JVM. It serves the demo gRPC service with channelz and JMX on loopback, runs its own
 * healthy and leaky clients, prints {@link DemoHandshake#line()} once ready, and exits when its stdin ends: the parent
 * holds the other end of that pipe, so the child goes when the parent goes, even after {@code kill -9}.
 */
public final class DemoTargetMain {

    private DemoTargetMain() {}

    public static void main(String[] args) throws Exception {
        // RMI stubs carry this host name; set before anything is exported so JMX clients dial loopback
        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        }
        DemoChild child;
        try {
            child = DemoChild.start(DemoSettings.fromSystemProperties());
        } catch (Exception | LinkageError e) {
            // RMI and gRPC threads already started would keep a half-built child alive until the launcher's deadline
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(child::close, "streamscope-demo-shutdown"));

        System.out.println(child.handshake().line());
        System.out.flush();

        awaitEndOfInput(System.in);
        System.exit(0);
    }

    private static void awaitEndOfInput(InputStream input) {
        byte[] ignored = new byte[256];
        try {
            while (input.read(ignored) >= 0) {
                // the parent never writes; anything it sends is ignored
            }
        } catch (IOException brokenPipe) {
            // a broken pipe means the parent is gone, as end of input does
        }
    }
}
