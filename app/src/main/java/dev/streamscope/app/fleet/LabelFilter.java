package dev.streamscope.app.fleet;

import java.util.Map;

/** The Fleet tab's filter: {@code job=api namespace=prod} matches those labels, a bare word any label's value. */
public final class LabelFilter {

    private LabelFilter() {}

    /** Whether {@code labels} match every term of {@code filter}; an empty filter matches all. */
    public static boolean matches(String filter, Map<String, String> labels) {
        for (String term : filter.strip().split("\\s+")) {
            if (term.isEmpty()) {
                continue;
            }
            int equals = term.indexOf('=');
            boolean found = equals > 0
                    ? term.substring(equals + 1).equals(labels.get(term.substring(0, equals)))
                    : labels.values().stream().anyMatch(value -> value.contains(term));
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
