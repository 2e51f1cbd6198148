package dev.streamscope.app.jmx.gc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConcurrentGcTest {

    @ParameterizedTest
    @CsvSource({
        "G1 Concurrent GC, end of concurrent GC pause, true",
        "ZGC Cycles, end of GC cycle, true",
        "ZGC Major Cycles, end of GC cycle, true",
        "ZGC Minor Cycles, end of GC cycle, true",
        "Shenandoah Cycles, end of GC cycle, true",
        "G1 Young Generation, end of minor GC, false",
        "G1 Old Generation, end of major GC, false",
        "ZGC Pauses, end of GC pause, false",
        "ZGC Major Pauses, end of GC pause, false",
        "Shenandoah Pauses, end of GC pause, false",
        "PS Scavenge, end of minor GC, false",
        "Copy, end of minor GC, false",
        "Some Future Collector, end of GC cycle, true"
    })
    void cyclesAreConcurrentAndPausesAreNot(String collector, String action, boolean concurrent) {
        assertThat(ConcurrentGc.isConcurrent(collector, action)).isEqualTo(concurrent);
    }
}
