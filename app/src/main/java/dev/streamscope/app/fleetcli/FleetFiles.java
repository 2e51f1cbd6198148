package dev.streamscope.app.fleetcli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.streamscope.app.fleet.FleetMethod;
import dev.streamscope.app.fleet.FleetRow;
import dev.streamscope.app.fleet.FleetSnapshot;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Writes a fleet evaluation as {@code fleet.csv} (one row per instance, a column per label) and {@code fleet.json}. */
final class FleetFiles {

    static final String CSV = "fleet.csv";
    static final String JSON = "fleet.json";

    private static final List<String> COLUMNS = List.of(
            "instance",
            "open",
            "perMinute",
            "overdue",
            "oldestAgeSeconds",
            "heapUsedBytes",
            "heapMaxBytes",
            "inFlight");
    private static final List<String> TEXT_COLUMNS = List.of("source", "side", "method", "methods");

    private FleetFiles() {}

    static void write(FleetSnapshot fleet, String prometheus, Path folder) throws IOException {
        Files.createDirectories(folder);
        writeCsv(fleet, folder.resolve(CSV));
        writeJson(fleet, prometheus, folder.resolve(JSON));
    }

    private static void writeCsv(FleetSnapshot fleet, Path file) throws IOException {
        TreeSet<String> labels = new TreeSet<>();
        fleet.rows().forEach(row -> labels.addAll(row.labels().keySet()));
        labels.remove("instance");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", COLUMNS) + "," + String.join(",", TEXT_COLUMNS));
            for (String label : labels) {
                out.write("," + csv("label_" + label));
            }
            out.write("\n");
            for (FleetRow row : fleet.rows()) {
                out.write(csv(row.instance()));
                for (double value : values(row)) {
                    out.write("," + (Double.isNaN(value) ? "" : number(value)));
                }
                out.write("," + csv(row.source()) + "," + csv(Objects.toString(row.side(), "")) + ","
                        + csv(Objects.toString(row.method(), "")) + "," + csv(methodsText(row.methods())));
                for (String label : labels) {
                    out.write("," + csv(row.labels().getOrDefault(label, "")));
                }
                out.write("\n");
            }
        }
    }

    private static void writeJson(FleetSnapshot fleet, String prometheus, Path file) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("prometheus", prometheus);
        root.addProperty("evaluatedAt", fleet.at().toString());
        root.addProperty("trendWindowSeconds", fleet.trendWindow().toSeconds());
        root.addProperty("order", "overdue, then perMinute, then open, each highest first");
        root.addProperty("growingPerMinute", FleetRow.GROWING_PER_MINUTE);
        root.addProperty("omittedInstances", fleet.omitted());
        JsonArray instances = new JsonArray();
        root.add("instances", instances);
        for (FleetRow row : fleet.rows()) {
            JsonObject instance = new JsonObject();
            instances.add(instance);
            instance.addProperty("instance", row.instance());
            JsonObject labels = new JsonObject();
            new TreeMap<>(row.labels()).forEach(labels::addProperty);
            instance.add("labels", labels);
            double[] values = values(row);
            for (int i = 0; i < values.length; i++) {
                String name = COLUMNS.get(i + 1);
                if (!Double.isFinite(values[i])) {
                    instance.add(name, JsonNull.INSTANCE);
                } else {
                    instance.addProperty(name, values[i]);
                }
            }
            instance.addProperty("overdueStreams", row.hasOverdue());
            instance.addProperty("growing", row.grows());
            instance.addProperty("source", row.source());
            instance.addProperty("side", row.side());
            instance.addProperty("method", row.method());
            JsonArray methods = new JsonArray();
            for (FleetMethod method : row.methods()) {
                JsonObject entry = new JsonObject();
                entry.addProperty("method", method.method());
                entry.addProperty("side", method.side());
                entry.addProperty("inFlight", method.inFlight());
                entry.addProperty("perMinute", method.perMinute());
                entry.addProperty("growing", method.growing());
                if (Double.isFinite(method.oldestAgeSeconds())) {
                    entry.addProperty("oldestAgeSeconds", method.oldestAgeSeconds());
                } else {
                    entry.add("oldestAgeSeconds", JsonNull.INSTANCE);
                }
                methods.add(entry);
            }
            instance.add("methods", methods);
        }
        String text =
                new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root) + "\n";
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static double[] values(FleetRow row) {
        return new double[] {
            row.open(),
            row.perMinute(),
            row.overdue(),
            row.oldestAgeSeconds(),
            row.heapUsedBytes(),
            row.heapMaxBytes(),
            row.inFlight()
        };
    }

    // "server grpc.health.v1.Health/Watch 2310 +1200/min; …", fastest growing first
    private static String methodsText(List<FleetMethod> methods) {
        return methods.stream()
                .map(method -> method.side() + " " + method.method() + " " + number(method.inFlight()) + " "
                        + (method.perMinute() >= 0 ? "+" : "") + number(method.perMinute()) + "/min")
                .collect(Collectors.joining("; "));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\""
                : text;
    }
}
