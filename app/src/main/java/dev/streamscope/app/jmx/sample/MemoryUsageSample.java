package dev.streamscope.app.jmx.sample;

/**
 * One {@code MemoryUsage} in bytes.
 *
 * @param max the limit in bytes, or {@code -1} when the JVM defines none (as {@code MemoryUsage} says)
 */
public record MemoryUsageSample(long used, long committed, long max) {

    public boolean hasMax() {
        return max >= 0;
    }
}
