package dev.streamscope.app.capture;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/** Reads summary.json in tests, with the few navigation calls they need; a missing member reads as JSON null. */
final class SummaryNode implements Iterable<SummaryNode> {

    private final JsonElement element;

    private SummaryNode(JsonElement element) {
        this.element = element == null ? JsonNull.INSTANCE : element;
    }

    static SummaryNode read(Path file) throws IOException {
        return new SummaryNode(JsonParser.parseString(Files.readString(file)));
    }

    SummaryNode get(String member) {
        return new SummaryNode(
                element.isJsonObject() ? element.getAsJsonObject().get(member) : null);
    }

    SummaryNode get(int index) {
        JsonArray array = element.getAsJsonArray();
        return new SummaryNode(index < array.size() ? array.get(index) : null);
    }

    boolean has(String member) {
        return element.isJsonObject() && element.getAsJsonObject().has(member);
    }

    boolean isNull() {
        return element.isJsonNull();
    }

    boolean isEmpty() {
        return element.isJsonArray()
                ? element.getAsJsonArray().isEmpty()
                : element.getAsJsonObject().isEmpty();
    }

    int size() {
        return element.isJsonArray()
                ? element.getAsJsonArray().size()
                : element.getAsJsonObject().size();
    }

    String asText() {
        return element.getAsString();
    }

    long asLong() {
        return element.getAsLong();
    }

    int asInt() {
        return element.getAsInt();
    }

    double asDouble() {
        return element.getAsDouble();
    }

    @Override
    public Iterator<SummaryNode> iterator() {
        Iterator<JsonElement> items = element.getAsJsonArray().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public SummaryNode next() {
                return new SummaryNode(items.next());
            }
        };
    }

    @Override
    public String toString() {
        return element.toString();
    }
}
