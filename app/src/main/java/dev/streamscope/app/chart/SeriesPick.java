package dev.streamscope.app.chart;

/**
 * Which store series a chart draws: one series by its exact key, or every series whose key starts with a prefix (one
 * per memory pool, say), labelled with the rest of the key.
 *
 * @param key the exact key, or the prefix when {@code prefix} is true
 * @param prefix whether {@code key} is a prefix
 * @param label the legend label for an exact key; for a prefix, a suffix appended to each series' own name ("" for
 *     none)
 * @param ceiling a limit such as the heap's max: drawn only when it is within reach of the other series, so that a
 *     far-away limit does not flatten them along the bottom; otherwise only named in the legend with its value
 */
public record SeriesPick(String key, boolean prefix, String label, boolean ceiling) {

    /** How far above the other series' highest point a ceiling may be and still be drawn. */
    public static final double CEILING_REACH = 1.5;

    public static SeriesPick exact(String key, String label) {
        return new SeriesPick(key, false, label, false);
    }

    public static SeriesPick startingWith(String prefix, String labelSuffix) {
        return new SeriesPick(prefix, true, labelSuffix, false);
    }

    public static SeriesPick ceiling(String key, String label) {
        return new SeriesPick(key, false, label, true);
    }
}
