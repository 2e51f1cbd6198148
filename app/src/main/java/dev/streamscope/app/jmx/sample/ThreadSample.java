package dev.streamscope.app.jmx.sample;

/** Thread counts from {@code java.lang:type=Threading}. */
public record ThreadSample(int live, int daemon, int peak) {}
