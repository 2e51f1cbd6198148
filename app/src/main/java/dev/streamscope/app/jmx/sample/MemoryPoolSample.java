package dev.streamscope.app.jmx.sample;

/**
 * One memory pool, named as its collector names it ("G1 Eden Space", "PS Old Gen", "Metaspace", …).
 *
 * @param heap true for heap pools, false for non-heap pools (metaspace, code cache)
 * @param afterLastGc usage right after the last collection of this pool, or {@code null} when the pool has none
 *     (non-heap pools, or no collection yet)
 */
public record MemoryPoolSample(String name, boolean heap, MemoryUsageSample usage, MemoryUsageSample afterLastGc) {}
