package dev.streamscope.app.jmx;

import dev.streamscope.app.streams.StreamRecord;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.management.openmbean.CompositeData;

/**
 * The one place where the jmx-bridge's open types become our records. Written against item and attribute names
 * only, never bridge classes: a bridge of another version may lack an item (it maps to {@code null}) or carry more
 * (ignored), and a value of an unexpected type counts as missing rather than failing the read.
 */
final class BridgeMapper {

    private BridgeMapper() {}

    /** The rows an operation returned: {@code CompositeData[]} from an MXBean, or a collection; others give none. */
    static List<StreamRecord> rows(Object answer) {
        List<StreamRecord> rows = new ArrayList<>();
        if (answer instanceof Collection<?> collection) {
            for (Object row : collection) {
                addRow(rows, row);
            }
        } else if (answer != null && answer.getClass().isArray()) {
            int length = Array.getLength(answer);
            for (int i = 0; i < length; i++) {
                addRow(rows, Array.get(answer, i));
            }
        }
        return rows;
    }

    private static void addRow(List<StreamRecord> rows, Object row) {
        if (row instanceof CompositeData data) {
            rows.add(row(data));
        }
    }

    static StreamRecord row(CompositeData data) {
        return new StreamRecord(
                longOrNull(item(data, "id")),
                textOrNull(item(data, "side")),
                textOrNull(item(data, "method")),
                textOrNull(item(data, "type")),
                textOrNull(item(data, "authority")),
                textOrNull(item(data, "peer")),
                longOrNull(item(data, "startEpochMillis")),
                longOrNull(item(data, "ageMillis")),
                longOrNull(item(data, "messagesSent")),
                longOrNull(item(data, "messagesReceived")),
                booleanOrNull(item(data, "halfClosedLocal")),
                booleanOrNull(item(data, "halfClosedRemote")),
                longOrNull(item(data, "lastActivityEpochMillis")));
    }

    /** {@code CompositeData.get} throws for an item its type lacks; an older bridge lacks some. */
    private static Object item(CompositeData data, String name) {
        return data.containsKey(name) ? data.get(name) : null;
    }

    static Integer intOrNull(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof Number number ? number.intValue() : null;
    }

    static Long longOrNull(Map<String, Object> attributes, String name) {
        return longOrNull(attributes.get(name));
    }

    static Double doubleOrNull(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof Number number ? number.doubleValue() : null;
    }

    static Long longOrNull(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    private static String textOrNull(Object value) {
        // enums travel as their constant's name; anything else unexpected is shown as text rather than dropped
        return value == null ? null : value.toString();
    }

    private static Boolean booleanOrNull(Object value) {
        return value instanceof Boolean flag ? flag : null;
    }
}
