package dev.streamscope.app.demo;

import java.io.IOException;

/** A child main that says something on stderr and never prints the handshake, like a demo stuck while starting. */
public final class SilentChild {

    private SilentChild() {}

    public static void main(String[] args) throws IOException {
        System.err.println("silent child started, never ready");
        while (System.in.read() >= 0) {
            // wait for the launcher to give up and end us
        }
    }
}
