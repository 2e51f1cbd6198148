package dev.streamscope.app.jmx.bridge;

import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.lifetime.StreamSite;
import dev.streamscope.app.lifetime.StreamSites;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * The rows of an {@code oldestTable} answer: one {@code CompositeData} of columns (primitive arrays, and text as a
     * {@code String[]} dictionary plus an {@code int[]} of indexes, {@code -1} for null), oldest first. There are as
     * many rows as {@code ids}; a column that is missing, of another type or too short gives {@code null} items, like a
     * missing item of a row. The age is {@code readAtEpochMillis - startEpochMillis}, the bridge's own clock on both
     * sides, as {@code oldest} computes it.
     *
     * @return empty when the answer is not such a table, so that the caller reads {@code oldest} instead
     */
    static Optional<List<StreamRecord>> table(Object answer) {
        if (!(answer instanceof CompositeData data) || !(item(data, "ids") instanceof long[] ids)) {
            return Optional.empty();
        }
        Long readAt = longOrNull(item(data, "readAtEpochMillis"));
        List<StreamRecord> rows = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            Long start = longAt(data, "startEpochMillis", i);
            rows.add(new StreamRecord(
                    ids[i],
                    textAt(data, "sides", "sideIndexes", i),
                    textAt(data, "methods", "methodIndexes", i),
                    textAt(data, "types", "typeIndexes", i),
                    textAt(data, "authorities", "authorityIndexes", i),
                    textAt(data, "peers", "peerIndexes", i),
                    start,
                    readAt == null || start == null ? null : Math.max(0, readAt - start),
                    longAt(data, "messagesSent", i),
                    longAt(data, "messagesReceived", i),
                    booleanAt(data, "halfClosedLocal", i),
                    booleanAt(data, "halfClosedRemote", i),
                    longAt(data, "lastActivityEpochMillis", i)));
        }
        return Optional.of(rows);
    }

    private static Long longAt(CompositeData data, String column, int row) {
        return item(data, column) instanceof long[] values && row < values.length ? values[row] : null;
    }

    private static Boolean booleanAt(CompositeData data, String column, int row) {
        return item(data, column) instanceof boolean[] values && row < values.length ? values[row] : null;
    }

    private static String textAt(CompositeData data, String dictionary, String indexes, int row) {
        if (item(data, indexes) instanceof int[] positions
                && row < positions.length
                && item(data, dictionary) instanceof String[] texts) {
            int position = positions[row];
            return position >= 0 && position < texts.length ? texts[position] : null;
        }
        return null;
    }

    /**
     * The groups of a {@code sites} answer: a {@code CompositeData} with a {@code sites} array of groups, each with
     * {@code kind}, {@code side}, {@code site}, {@code method}, counts, {@code sampled} and {@code frames}, and from a
     * bridge that samples by rate the estimates ({@code openEstimate}, {@code overdueEstimate}).
     *
     * @return empty when the answer is not such a value (an older bridge, or the call failed in the target)
     */
    static Optional<StreamSites> sites(Object answer) {
        if (!(answer instanceof CompositeData data) || !(item(data, "sites") instanceof Object[] groups)) {
            return Optional.empty();
        }
        List<StreamSite> sites = new ArrayList<>(groups.length);
        for (Object group : groups) {
            if (group instanceof CompositeData site) {
                sites.add(new StreamSite(
                        textOrNull(item(site, "kind")),
                        textOrNull(item(site, "side")),
                        textOrNull(item(site, "site")),
                        textOrNull(item(site, "method")),
                        longOrNull(item(site, "lifetimeMillis")),
                        longOrNull(item(site, "openStreams")),
                        longOrNull(item(site, "overdueStreams")),
                        longOrNull(item(site, "oldestAgeMillis")),
                        booleanOrNull(item(site, "sampled")),
                        item(site, "frames") instanceof String[] frames ? Arrays.asList(frames) : List.of(),
                        longOrNull(item(site, "openEstimate")),
                        longOrNull(item(site, "overdueEstimate"))));
            }
        }
        Long otherOpen = longOrNull(item(data, "otherOpenStreams"));
        Long otherOverdue = longOrNull(item(data, "otherOverdueStreams"));
        return Optional.of(new StreamSites(
                sites,
                item(data, "otherGroups") instanceof Integer otherGroups ? otherGroups : 0,
                otherOpen == null ? 0 : otherOpen,
                otherOverdue == null ? 0 : otherOverdue,
                item(data, "alwaysFirst") instanceof Integer alwaysFirst ? alwaysFirst : null,
                item(data, "sampleEvery") instanceof Integer sampleEvery ? sampleEvery : null));
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

    /** The bridge's {@code Lifetimes} text as a policy; null when absent, empty (none given) or unreadable. */
    static LifetimePolicy lifetimesOrNull(Map<String, Object> attributes) {
        if (!(attributes.get("Lifetimes") instanceof String text) || text.isBlank()) {
            return null;
        }
        try {
            return LifetimePolicy.fromText(text);
        } catch (IllegalArgumentException unreadable) {
            // a newer bridge's syntax we do not know: count with the user's or the default lifetimes instead
            return null;
        }
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
