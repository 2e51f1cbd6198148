package dev.streamscope.app.jmx.sample;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Reads a composite value in either form it reaches us, so that one mapper serves both transports: {@code
 * CompositeData}, arrays and {@code TabularData} over JMX/RMI; maps and lists of Jolokia's JSON over HTTP. A missing
 * item reads as {@code null}, as an older JVM or bridge may lack one.
 */
public final class OpenValues {

    private OpenValues() {}

    /** The item {@code key} of a composite value, or {@code null} when absent or when {@code value} is no composite. */
    public static Object item(Object value, String key) {
        if (value instanceof CompositeData data) {
            // CompositeData.get throws for an item its type lacks
            return data.containsKey(key) ? data.get(key) : null;
        }
        if (value instanceof Map<?, ?> map) {
            return map.get(key);
        }
        return null;
    }

    /** Whether {@code value} is a composite value in either form. */
    public static boolean isComposite(Object value) {
        return value instanceof CompositeData || value instanceof Map<?, ?>;
    }

    /** The elements of an array (of objects or primitives) or a list; empty for anything else. */
    public static List<Object> elements(Object value) {
        if (value instanceof Collection<?> collection) {
            return Collections.unmodifiableList(new ArrayList<>(collection));
        }
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            Object[] elements = new Object[length];
            for (int i = 0; i < length; i++) {
                elements[i] = Array.get(value, i);
            }
            return Arrays.asList(elements);
        }
        return List.of();
    }

    /**
     * The entries of a map-typed value ({@code Map<String, V>} of an MXBean): a {@code TabularData} of {@code key} and
     * {@code value} rows over JMX, a plain JSON object over Jolokia.
     */
    public static Map<String, Object> entries(Object value) {
        if (value instanceof TabularData table) {
            LinkedHashMap<String, Object> entries = new LinkedHashMap<>();
            for (Object row : table.values()) {
                if (row instanceof CompositeData entry) {
                    entries.put(String.valueOf(item(entry, "key")), item(entry, "value"));
                }
            }
            return entries;
        }
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> entries = new LinkedHashMap<>();
            map.forEach((key, entry) -> entries.put(String.valueOf(key), entry));
            return entries;
        }
        return Map.of();
    }
}
