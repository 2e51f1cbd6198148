package dev.streamscope.app.jmx.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.GcChurnChild;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.RemoteJvmConnection;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** ZGC reports each collection twice, as a concurrent cycle and as its pauses: only the pauses are pauses. */
class ZgcNotificationTest {

    @Test
    void zgcCyclesAreConcurrentAndItsPausesAreNot() throws Exception {
        try (GcChurnChild child = GcChurnChild.start(List.of("-XX:+UseZGC"), "quiet");
                JvmConnection connection = RemoteJvmConnection.open(child.connect(), Timeouts.DEFAULT)) {
            List<GcEvent> events = new CopyOnWriteArrayList<>();
            connection.subscribeGc(events::add);

            child.collect(1);

            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            events.stream().anyMatch(event -> event.collector().equals("ZGC Cycles"))
                                    && events.stream()
                                            .anyMatch(event -> event.collector().equals("ZGC Pauses")));
            assertThat(events)
                    .filteredOn(event -> event.collector().equals("ZGC Cycles"))
                    .allSatisfy(cycle -> {
                        assertThat(cycle.concurrent()).isTrue();
                        assertThat(cycle.action()).isEqualTo("end of GC cycle");
                    })
                    .anySatisfy(cycle -> assertThat(cycle.cause()).isEqualTo("System.gc()"));
            assertThat(events)
                    .filteredOn(event -> event.collector().equals("ZGC Pauses"))
                    .allSatisfy(pause -> assertThat(pause.concurrent()).isFalse());
            assertThat(connection.sample().collectors())
                    .extracting(CollectorTotals::name)
                    .containsExactly("ZGC Cycles", "ZGC Pauses");
        }
    }
}
