package dev.streamscope.app.jmx.bridge;

import dev.streamscope.app.jmx.sample.OpenValues;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.lifetime.StreamSite;
import dev.streamscope.app.lifetime.StreamSites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where the jmx-bridge's values (open types over JMX, the same as JSON over Jolokia) become our records. Written against item and attribute names
 * only, never bridge classes: a bridge of another version may lack an item (it maps to {@code null}) or carry more
 * (ignored), and a value of an unexpected type counts as missing rather than failing the read.
 */
final class BridgeMapper {

    private BridgeMapper() {}

    /** The rows an operation returned: an array or list of composite rows (open types or JSON); others give none. */
    static List<StreamRecord> rows(Object answer) {
        List<StreamRecord> rows = new ArrayList<>();
        for (Object row : OpenValues.elements(answer)) {
            if (OpenValues.isComposite(row)) {
                rows.add(row(row));
            }
        }
        return rows;
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
        Object data = answer;
        Object idColumn = item(data, "ids");
        if (!OpenValues.isComposite(data) || !(idColumn instanceof long[] || idColumn instanceof List<?>)) {
            return Optional.empty();
        }
        List<Object> ids = OpenValues.elements(idColumn);
        Long readAt = longOrNull(item(data, "readAtEpochMillis"));
        List<StreamRecord> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Long start = longAt(data, "startEpochMillis", i);
            rows.add(new StreamRecord(
                    longOrNull(ids.get(i)),
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

    private static Long longAt(Object data, String column, int row) {
        return longOrNull(at(item(data, column), row));
    }

    private static Boolean booleanAt(Object data, String column, int row) {
        return booleanOrNull(at(item(data, column), row));
    }

    private static String textAt(Object data, String dictionary, String indexes, int row) {
        if (at(item(data, indexes), row) instanceof Number position) {
            Object text = at(item(data, dictionary), position.intValue());
            return text instanceof String found ? found : null;
        }
        return null;
    }

    /** The {@code index}-th element of a column (an array or a list), or null when it is missing or too short. */
    private static Object at(Object column, int index) {
        List<Object> values = OpenValues.elements(column);
        return index >= 0 && index < values.size() ? values.get(index) : null;
    }

    /**
     * The groups of a {@code sites} answer: a {@code CompositeData} with a {@code sites} array of groups, each with
     * {@code kind}, {@code side}, {@code site}, {@code method}, counts, {@code sampled} and {@code frames}, and from a
     * bridge that samples by rate the estimates ({@code openEstimate}, {@code overdueEstimate}).
     *
     * @return empty when the answer is not such a value (an older bridge, or the call failed in the target)
     */
    static Optional<StreamSites> sites(Object answer) {
        Object data = answer;
        Object groupColumn = item(data, "sites");
        if (!OpenValues.isComposite(data) || !(groupColumn instanceof Object[] || groupColumn instanceof List<?>)) {
            return Optional.empty();
        }
        List<Object> groups = OpenValues.elements(groupColumn);
        List<StreamSite> sites = new ArrayList<>(groups.size());
        for (Object site : groups) {
            if (OpenValues.isComposite(site)) {
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
                        OpenValues.elements(item(site, "frames")).stream()
                                .map(BridgeMapper::textOrNull)
                                .toList(),
                        longOrNull(item(site, "openEstimate")),
                        longOrNull(item(site, "overdueEstimate"))));
            }
        }
        Long otherOpen = longOrNull(item(data, "otherOpenStreams"));
        Long otherOverdue = longOrNull(item(data, "otherOverdueStreams"));
        return Optional.of(new StreamSites(
                sites,
                item(data, "otherGroups") instanceof Number otherGroups ? otherGroups.intValue() : 0,
                otherOpen == null ? 0 : otherOpen,
                otherOverdue == null ? 0 : otherOverdue,
                item(data, "alwaysFirst") instanceof Number alwaysFirst ? alwaysFirst.intValue() : null,
                item(data, "sampleEvery") instanceof Number sampleEvery ? sampleEvery.intValue() : null));
    }

    static StreamRecord row(Object data) {
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

    /** An older bridge lacks some items: they read as null. */
    private static Object item(Object data, String name) {
        return OpenValues.item(data, name);
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
