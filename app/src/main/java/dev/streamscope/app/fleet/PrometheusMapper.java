package dev.streamscope.app.fleet;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps Prometheus's HTTP API JSON to {@link PrometheusSeries}; the only place that knows its wire form. It streams the
 * answer with Gson's {@link JsonReader}: a range answer for 1,000 instances is some 2 MB, which a tree would hold twice.
 */
final class PrometheusMapper {

    private PrometheusMapper() {}

    /**
     * A whole answer: its envelope ({@code status}, and {@code errorType} and {@code error} when it failed) and the
     * series of its {@code data}.
     */
    record Answer(String status, String errorType, String error, List<PrometheusSeries> series) {}

    /**
     * Where a range answer's samples go: the grid {@code startMillis + k * stepMillis} for k below {@code steps}.
     * An instant answer has no grid ({@link #INSTANT}).
     */
    record Grid(long startMillis, long stepMillis, int steps) {
        static final Grid INSTANT = new Grid(0, 1, 0);
    }

    /**
     * Reads an answer: a vector, a scalar (one series without labels) or a matrix placed on {@code grid} (gaps are
     * NaN). Missing or odd parts are missing values, read leniently.
     *
     * @return the answer, or null when the body is not a JSON object (an HTML page, a truncated body)
     */
    static Answer answer(byte[] body, Grid grid) {
        try (JsonReader in =
                new JsonReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                return null;
            }
            String status = null;
            String errorType = null;
            String error = null;
            List<PrometheusSeries> series = List.of();
            in.beginObject();
            while (in.hasNext()) {
                switch (in.nextName()) {
                    case "status" -> status = text(in);
                    case "errorType" -> errorType = text(in);
                    case "error" -> error = text(in);
                    case "data" -> series = data(in, grid);
                    default -> in.skipValue();
                }
            }
            in.endObject();
            return new Answer(status, errorType, error, series);
        } catch (IOException | IllegalStateException | JsonParseException e) {
            return null;
        }
    }

    private static List<PrometheusSeries> data(JsonReader in, Grid grid) throws IOException {
        List<PrometheusSeries> series = new ArrayList<>();
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            in.skipValue();
            return series;
        }
        in.beginObject();
        while (in.hasNext()) {
            if (in.nextName().equals("result") && in.peek() == JsonToken.BEGIN_ARRAY) {
                result(in, grid, series);
            } else {
                in.skipValue();
            }
        }
        in.endObject();
        return series;
    }

    // a vector or matrix is an array of objects; a scalar is one [time, "value"] pair
    private static void result(JsonReader in, Grid grid, List<PrometheusSeries> series) throws IOException {
        in.beginArray();
        if (in.hasNext() && in.peek() != JsonToken.BEGIN_OBJECT) {
            text(in);
            double value = in.hasNext() ? number(text(in)) : Double.NaN;
            series.add(new PrometheusSeries(Map.of(), value, Sparkline.EMPTY));
        }
        while (in.hasNext()) {
            if (in.peek() == JsonToken.BEGIN_OBJECT) {
                series.add(series(in, grid));
            } else {
                in.skipValue();
            }
        }
        in.endArray();
    }

    private static PrometheusSeries series(JsonReader in, Grid grid) throws IOException {
        Map<String, String> labels = Map.of();
        double value = Double.NaN;
        Sparkline range = Sparkline.EMPTY;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "metric" -> labels = labels(in);
                case "value" -> value = sampleValue(in);
                case "values" -> {
                    range = range(in, grid);
                    value = range.last();
                }
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new PrometheusSeries(labels, value, range);
    }

    private static Map<String, String> labels(JsonReader in) throws IOException {
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            in.skipValue();
            return Map.of();
        }
        Map<String, String> labels = new HashMap<>();
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            String text = text(in);
            if (text != null) {
                labels.put(name, text);
            }
        }
        in.endObject();
        return labels;
    }

    private static Sparkline range(JsonReader in, Grid grid) throws IOException {
        double[] values = new double[grid.steps()];
        Arrays.fill(values, Double.NaN);
        if (in.peek() != JsonToken.BEGIN_ARRAY) {
            in.skipValue();
            return new Sparkline(grid.startMillis(), grid.stepMillis(), values);
        }
        in.beginArray();
        while (in.hasNext()) {
            if (in.peek() != JsonToken.BEGIN_ARRAY) {
                in.skipValue();
                continue;
            }
            in.beginArray();
            double at = in.hasNext() ? number(text(in)) : Double.NaN;
            double value = in.hasNext() ? number(text(in)) : Double.NaN;
            skipRest(in);
            int index = (int) Math.round((at * 1000 - grid.startMillis()) / grid.stepMillis());
            if (index >= 0 && index < values.length) {
                values[index] = value;
            }
        }
        in.endArray();
        return new Sparkline(grid.startMillis(), grid.stepMillis(), values);
    }

    /** The value of a {@code [time, "value"]} pair. */
    private static double sampleValue(JsonReader in) throws IOException {
        if (in.peek() != JsonToken.BEGIN_ARRAY) {
            in.skipValue();
            return Double.NaN;
        }
        in.beginArray();
        if (in.hasNext()) {
            in.skipValue();
        }
        double value = in.hasNext() ? number(text(in)) : Double.NaN;
        skipRest(in);
        return value;
    }

    private static void skipRest(JsonReader in) throws IOException {
        while (in.hasNext()) {
            in.skipValue();
        }
        in.endArray();
    }

    /** A primitive's text (numbers too), or null for anything else. */
    private static String text(JsonReader in) throws IOException {
        return switch (in.peek()) {
            case STRING, NUMBER -> in.nextString();
            case BOOLEAN -> Boolean.toString(in.nextBoolean());
            default -> {
                in.skipValue();
                yield null;
            }
        };
    }

    // Prometheus sends sample values as strings, including "NaN", "+Inf" and "-Inf"
    private static double number(String text) {
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
