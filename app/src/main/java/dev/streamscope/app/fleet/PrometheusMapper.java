package dev.streamscope.app.fleet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Maps Prometheus's HTTP API JSON to {@link PrometheusSeries}; the only place that knows its wire form. */
final class PrometheusMapper {

    private PrometheusMapper() {}

    /** An instant query's {@code data}: a vector (or a scalar, taken as one series without labels). */
    static List<PrometheusSeries> vector(JsonObject data) {
        List<PrometheusSeries> series = new ArrayList<>();
        if ("scalar".equals(text(data.get("resultType")))) {
            series.add(new PrometheusSeries(Map.of(), number(at(data.get("result"), 1)), Sparkline.EMPTY));
            return series;
        }
        for (JsonElement item : array(data.get("result"))) {
            series.add(new PrometheusSeries(labels(item), number(at(member(item, "value"), 1)), Sparkline.EMPTY));
        }
        return series;
    }

    /** A range query's {@code data}: a matrix, placed on the grid {@code start + k * step} (gaps are NaN). */
    static List<PrometheusSeries> matrix(JsonObject data, long startMillis, long stepMillis, int steps) {
        List<PrometheusSeries> series = new ArrayList<>();
        for (JsonElement item : array(data.get("result"))) {
            float[] values = new float[steps];
            Arrays.fill(values, Float.NaN);
            for (JsonElement sample : array(member(item, "values"))) {
                long at = Math.round(number(at(sample, 0)) * 1000);
                int index = (int) Math.round((at - startMillis) / (double) stepMillis);
                if (index >= 0 && index < steps) {
                    values[index] = (float) number(at(sample, 1));
                }
            }
            Sparkline range = new Sparkline(startMillis, stepMillis, values);
            series.add(new PrometheusSeries(labels(item), range.last(), range));
        }
        return series;
    }

    private static Map<String, String> labels(JsonElement item) {
        Map<String, String> labels = new TreeMap<>();
        JsonElement metric = member(item, "metric");
        if (metric != null && metric.isJsonObject()) {
            for (Map.Entry<String, JsonElement> field : metric.getAsJsonObject().entrySet()) {
                labels.put(field.getKey(), text(field.getValue()));
            }
        }
        return labels;
    }

    /** A member of an object, or null: the wire form is read leniently, a missing part is a missing value. */
    static JsonElement member(JsonElement element, String name) {
        return element != null && element.isJsonObject()
                ? element.getAsJsonObject().get(name)
                : null;
    }

    private static JsonElement at(JsonElement element, int index) {
        JsonArray array = array(element);
        return index < array.size() ? array.get(index) : null;
    }

    private static JsonArray array(JsonElement element) {
        return element != null && element.isJsonArray() ? element.getAsJsonArray() : new JsonArray();
    }

    /** A primitive's text (numbers too), or null for anything else. */
    static String text(JsonElement element) {
        return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
    }

    // Prometheus sends sample values as strings, including "NaN", "+Inf" and "-Inf"
    private static double number(JsonElement value) {
        String text = text(value);
        if (text == null) {
            return Double.NaN;
        }
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
