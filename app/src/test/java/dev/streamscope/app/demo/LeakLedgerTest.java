package dev.streamscope.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeakLedgerTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void leakStopsAtHalfTheHeapInPinnedBuffers() {
        assertThat(DemoChild.newLedger(DemoSettings.DEFAULT, 384 * MIB).getLeakCap())
                .isEqualTo(3_072);
        assertThat(DemoChild.newLedger(DemoSettings.DEFAULT, 4096 * MIB).getLeakCap())
                .isEqualTo(DemoSettings.DEFAULT_LEAK_CAP);
    }

    @Test
    void pinnedBytesNeverPassTheirCapWhileStreamsAreStillCounted() {
        LeakLedger ledger = new LeakLedger(100, 250, 10);

        LeakLedger.Pin first = ledger.open();
        ledger.open();
        ledger.open();

        assertThat(ledger.getLeakedStreams()).isEqualTo(3);
        assertThat(ledger.getPinnedBytes()).isEqualTo(200);

        first.release();
        first.release();

        assertThat(ledger.getLeakedStreams()).isEqualTo(2);
        assertThat(ledger.getPinnedBytes()).isEqualTo(100);
    }

    @Test
    void leakCapCountsAbandonedStreams() {
        LeakLedger ledger = new LeakLedger(100, 1_000, 2);

        ledger.recordAbandoned();
        assertThat(ledger.leakCapReached()).isFalse();
        ledger.recordAbandoned();
        assertThat(ledger.leakCapReached()).isTrue();
    }
}
