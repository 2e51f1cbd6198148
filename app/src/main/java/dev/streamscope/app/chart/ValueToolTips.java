package dev.streamscope.app.chart;

import dev.streamscope.app.base.ClockText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.data.xy.XYDataset;

/** "used: 412.3 MiB at 09:45:01". */
final class ValueToolTips implements XYToolTipGenerator {
    private final Unit unit;
    private final DateTimeFormatter time;

    ValueToolTips(Unit unit, ZoneId zone) {
        this.unit = unit;
        this.time = ClockText.formatter(zone);
    }

    @Override
    public String generateToolTip(XYDataset dataset, int series, int item) {
        double value = dataset.getYValue(series, item);
        Instant at = Instant.ofEpochMilli((long) dataset.getXValue(series, item));
        String shown = Double.isNaN(value) ? "no data" : unit.format(value);
        return dataset.getSeriesKey(series) + ": " + shown + " at " + time.format(at);
    }
}
