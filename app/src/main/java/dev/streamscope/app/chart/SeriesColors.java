package dev.streamscope.app.chart;

import java.awt.Color;
import java.util.HashMap;
import java.util.Map;

/**
 * The colours of one chart's series: each series keeps the colour it first got for the chart's life, even when other
 * series come and go from the window.
 */
final class SeriesColors {

    private final Map<String, Integer> indexByKey = new HashMap<>();

    Color of(String key) {
        Integer index = indexByKey.get(key);
        if (index == null) {
            index = indexByKey.size();
            indexByKey.put(key, index);
        }
        return ChartStyle.seriesColor(index);
    }
}
