package dev.streamscope.app.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Maps Prometheus's HTTP API JSON to {@link PrometheusSeries}; the only place that knows its wire form. */
final class PrometheusMapper {

    private PrometheusMapper() {}

    /** An instant query's {@code data}: a vector (or a scalar, taken as one series without labels). */
    static List<PrometheusSeries> vector(JsonNode data) {
        List<PrometheusSeries> series = new ArrayList<>();
        JsonNode result = data.path("result");
        if ("scalar".equals(data.path("resultType").asText())) {
            series.add(new PrometheusSeries(Map.of(), number(result.path(1)), Sparkline.EMPTY));
            return series;
        }
        for (JsonNode item : result) {
            series.add(
                    new PrometheusSeries(labels(item), number(item.path("value").path(1)), Sparkline.EMPTY));
        }
        return series;
    }

    /** A range query's {@code data}: a matrix, placed on the grid {@code start + k * step} (gaps are NaN). */
    static List<PrometheusSeries> matrix(JsonNode data, long startMillis, long stepMillis, int steps) {
        List<PrometheusSeries> series = new ArrayList<>();
        for (JsonNode item : data.path("result")) {
            float[] values = new float[steps];
            Arrays.fill(values, Float.NaN);
            for (JsonNode sample : item.path("values")) {
                long at = Math.round(sample.path(0).asDouble() * 1000);
                int index = (int) Math.round((at - startMillis) / (double) stepMillis);
                if (index >= 0 && index < steps) {
                    values[index] = (float) number(sample.path(1));
                }
            }
            Sparkline range = new Sparkline(startMillis, stepMillis, values);
            series.add(new PrometheusSeries(labels(item), range.last(), range));
        }
        return series;
    }

    private static Map<String, String> labels(JsonNode item) {
        Map<String, String> labels = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = item.path("metric").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), field.getValue().asText());
        }
        return labels;
    }

    // Prometheus sends sample values as strings, including "NaN", "+Inf" and "-Inf"
    private static double number(JsonNode value) {
        String text = value.asText("NaN");
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield Double.NaN;
                }
            }
        };
    }
}
