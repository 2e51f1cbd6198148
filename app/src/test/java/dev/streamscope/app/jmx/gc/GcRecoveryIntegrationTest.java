package dev.streamscope.app.jmx.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.GcChurnChild;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.RemoteJvmConnection;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JvmSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Recovery against a real target: collections made before we subscribed are missed by notifications and must come
 * back from the totals. The child is quiet (no churn), so only the explicit collections touch the old generation.
 */
class GcRecoveryIntegrationTest {

    private static final String OLD = "G1 Old Generation";

    @Test
    void collectionsMadeBeforeSubscribingAreRecoveredFromTotals() throws Exception {
        try (GcChurnChild child = GcChurnChild.start("quiet");
                JvmConnection connection = RemoteJvmConnection.open(child.connect(), Timeouts.DEFAULT, Duration.ZERO)) {
            JvmSample before = connection.sample();
            child.collect(3); // missed: nobody listens yet

            List<GcEvent> notified = new CopyOnWriteArrayList<>();
            connection.subscribeGc(notified::add);
            child.collect(2);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> notified.stream()
                                    .filter(event -> event.collector().equals(OLD))
                                    .count()
                            == 2);
            JvmSample after = connection.sample();

            Map<String, GcRecovery.Notified> tally = GcRecovery.tally(notified);
            List<GcEvent> recovered =
                    GcRecovery.recover(before.collectors(), after.collectors(), tally, after.epochMillis());

            GcEvent old = recovered.stream()
                    .filter(event -> event.collector().equals(OLD))
                    .findFirst()
                    .orElseThrow();
            assertThat(old.recoveredCount()).isEqualTo(3);
            assertThat(old.cause()).isEqualTo("unknown");
            assertThat(old.endEpochMillis()).isEqualTo(after.epochMillis());
            CollectorTotals oldBefore = totals(before, OLD);
            CollectorTotals oldAfter = totals(after, OLD);
            assertThat(oldAfter.collectionCount() - oldBefore.collectionCount()).isEqualTo(5);
            assertThat(old.durationMillis() + tally.get(OLD).durationMillis())
                    .as("recovered and notified durations make up the collector's time, give or take rounding")
                    .isCloseTo(oldAfter.collectionTimeMillis() - oldBefore.collectionTimeMillis(), within(2L));
        }
    }

    private static CollectorTotals totals(JvmSample sample, String collector) {
        return sample.collectors().stream()
                .filter(totals -> totals.name().equals(collector))
                .findFirst()
                .orElseThrow();
    }
}
