package dev.streamscope.app;

/** Entry point placeholder while the build is set up. */
public final class StreamScopeMain {
    private StreamScopeMain() {}

    public static void main(String[] args) {}
}
