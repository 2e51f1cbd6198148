package dev.streamscope.app.archive;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** The one JSON setup of recording folders: records by their components, nulls kept, times as ISO-8601 text. */
final class RecordingJson {

    static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, new TextAdapter<>(Instant::parse).nullSafe())
            .registerTypeAdapter(Duration.class, new TextAdapter<>(Duration::parse).nullSafe())
            .create();

    private RecordingJson() {}

    /** java.time types are closed to reflection: they travel as their own text form. */
    private static final class TextAdapter<T> extends TypeAdapter<T> {

        private final Function<String, T> parse;

        TextAdapter(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public void write(JsonWriter out, T value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public T read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw new JsonParseException("expected a time as text at " + in.getPath());
            }
            String text = in.nextString();
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                throw new JsonParseException("'" + text + "' is not a time at " + in.getPath(), e);
            }
        }
    }
}
