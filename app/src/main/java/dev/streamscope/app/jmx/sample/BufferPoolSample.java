package dev.streamscope.app.jmx.sample;

/** A {@code java.nio:type=BufferPool} ("direct", "mapped", …); Netty keeps its buffers in "direct". */
public record BufferPoolSample(String name, long count, long memoryUsedBytes, long totalCapacityBytes) {}
