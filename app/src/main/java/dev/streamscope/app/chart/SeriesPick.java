package dev.streamscope.app.chart;

/**
 * Which store series a chart draws: one series by its exact key, or every series whose key starts with a prefix (one
 * per memory pool, say), labelled with the rest of the key.
 *
 * @param key the exact key, or the prefix when {@code prefix} is true
 * @param prefix whether {@code key} is a prefix
 * @param label the legend label for an exact key; for a prefix, a suffix appended to each series' own name ("" for
 *     none)
 */
public record SeriesPick(String key, boolean prefix, String label) {

    public static SeriesPick exact(String key, String label) {
        return new SeriesPick(key, false, label);
    }

    public static SeriesPick startingWith(String prefix, String labelSuffix) {
        return new SeriesPick(prefix, true, labelSuffix);
    }
}
