package dev.streamscope.app.jmx.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The odd answers a real JVM rarely gives on demand: attributes it lacks, loads it cannot measure yet. The composite
 * data is built by hand with the item names the JDK uses, since a {@code GcInfo} cannot be made outside a collection.
 */
class JmxMapperTest {

    @Test
    void missingAttributesAreMissingKeys() {
        AttributeList answer = new AttributeList();
        answer.add(new Attribute("SystemCpuLoad", 0.25));

        Map<String, Object> values = JmxMapper.byName(answer);

        assertThat(JmxMapper.systemCpuLoad(values)).isEqualTo(0.25);
        assertThat(JmxMapper.peakThreads(values)).isZero();
    }

    @Test
    void negativeLoadMeansNotMeasuredYet() {
        assertThat(JmxMapper.systemCpuLoad(Map.of("CpuLoad", -1.0))).isNaN();
    }

    @Test
    void systemLoadPrefersCpuLoadAndFallsBackToSystemCpuLoad() {
        assertThat(JmxMapper.systemCpuLoad(Map.of("CpuLoad", 0.5, "SystemCpuLoad", 0.4)))
                .isEqualTo(0.5);
        assertThat(JmxMapper.systemCpuLoad(Map.of("SystemCpuLoad", 0.4))).isEqualTo(0.4);
    }

    @Test
    void poolWithoutUsageIsSkipped() {
        assertThat(JmxMapper.memoryPool("G1 Survivor Space", Map.of("Type", "HEAP")))
                .isNull();
    }

    @Test
    void poolMapsUsageTypeAndUsageAfterLastGc() throws Exception {
        MemoryPoolSample pool = JmxMapper.memoryPool(
                "G1 Old Gen",
                Map.of("Usage", memoryUsage(10, 20, -1), "CollectionUsage", memoryUsage(5, 20, -1), "Type", "HEAP"));

        assertThat(pool)
                .isEqualTo(new MemoryPoolSample(
                        "G1 Old Gen", true, new MemoryUsageSample(10, 20, -1), new MemoryUsageSample(5, 20, -1)));
        assertThat(pool.usage().hasMax()).isFalse();
    }

    @Test
    void poolOfKnownTypeNeedsNoTypeAttribute() throws Exception {
        MemoryPoolSample metaspace = JmxMapper.memoryPool("Metaspace", false, Map.of("Usage", memoryUsage(7, 8, -1)));

        assertThat(metaspace)
                .isEqualTo(new MemoryPoolSample("Metaspace", false, new MemoryUsageSample(7, 8, -1), null));
        assertThat(JmxMapper.memoryPool("G1 Eden Space", true, Map.of())).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "G1 Old Gen",
                "PS Old Gen",
                "Tenured Gen",
                "CMS Old Gen",
                "ZGC Old Generation",
                "ZHeap",
                "ZGC Heap",
                "Shenandoah"
            })
    void knowsTheOldGenerationOfEachCollector(String poolName) {
        assertThat(OldGenerationPools.isOldGeneration(poolName)).isTrue();
        assertThat(OldGenerationPools.isOldGeneration("G1 Eden Space")).isFalse();
    }

    private static CompositeData memoryUsage(long used, long committed, long max) throws OpenDataException {
        String[] names = {"init", "used", "committed", "max"};
        CompositeType type =
                new CompositeType("java.lang.management.MemoryUsage", "usage", names, names, new OpenType<?>[] {
                    SimpleType.LONG, SimpleType.LONG, SimpleType.LONG, SimpleType.LONG
                });
        return new CompositeDataSupport(type, names, new Object[] {0L, used, committed, max});
    }
}
