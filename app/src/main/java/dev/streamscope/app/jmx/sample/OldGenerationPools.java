package dev.streamscope.app.jmx.sample;

import java.util.List;

/**
 * Which memory pools hold a collector's old generation, by the names the collectors give them. The old generation's
 * usage right after a collection is the leak signal: if it keeps climbing, live data keeps growing. This is the one
 * place that knows the names; add a collector here.
 */
public final class OldGenerationPools {

    /** Exact pool names. */
    private static final List<String> NAMES = List.of(
            "G1 Old Gen", // G1
            "PS Old Gen", // Parallel
            "Tenured Gen", // Serial
            "CMS Old Gen", // Concurrent Mark Sweep (JDK 8 to 13)
            "ZGC Old Generation", // generational ZGC (JDK 21+)
            "ZHeap", // single-generation ZGC (JDK 11 to 14)
            "ZGC Heap", // single-generation ZGC (JDK 15+)
            "Shenandoah"); // Shenandoah has one pool for the whole heap

    private OldGenerationPools() {}

    public static boolean isOldGeneration(String poolName) {
        return NAMES.contains(poolName);
    }

    public static List<String> names() {
        return NAMES;
    }
}
