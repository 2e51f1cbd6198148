package dev.streamscope.app.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A histogram as the CSV file a spreadsheet opens. */
class HistogramCsvTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void csvHasAHeaderAndOneLinePerClassQuotedWhereNeeded() {
        HeapHistogram histogram = new HeapHistogram(
                NOW,
                HistogramMode.ALL,
                List.of(new HistogramRow("[B", 3, 300), new HistogramRow("odd,name", 1, 16)),
                List.of(new HistogramRow("io.grpc.internal.ServerCallImpl", 2, 96)),
                3,
                6,
                412);

        assertThat(HistogramCsv.render(histogram))
                .isEqualTo(
                        "class,instances,bytes\n[B,3,300\n\"odd,name\",1,16\nio.grpc.internal.ServerCallImpl,2,96\n");
    }
}
