package dev.streamscope.app.watch;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What can start an incident: evidence the recording computes already, named as --trigger spells it. */
public enum TriggerKind {
    /** A connection's open streams climb steadily over the trend window. */
    GROWING("growing"),
    /** At least one stream surely outlived its lifetime. */
    OVERDUE("overdue"),
    /** The live-set trend is flagged and projects the old generation full within --full-within. */
    LIVE_SET("live-set"),
    /** A blocked event loop, a stuck blocking call or a deadlock holds in the thread dumps. */
    THREADS("threads"),
    /** Someone asked for an incident folder now (File → Save incident now); never a --trigger. */
    MANUAL("manual");

    private final String wireName;

    TriggerKind(String wireName) {
        this.wireName = wireName;
    }

    /** How --trigger, watch.log and incident.json spell it. */
    public String wireName() {
        return wireName;
    }

    /**
     * The kinds named in {@code text}, comma-separated: "growing,overdue".
     *
     * @throws IllegalArgumentException naming the unknown kind and the known ones
     */
    public static Set<TriggerKind> parse(String text) {
        Set<TriggerKind> kinds = EnumSet.noneOf(TriggerKind.class);
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            TriggerKind found = null;
            for (TriggerKind kind : triggerable()) {
                if (kind.wireName.equals(name)) {
                    found = kind;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException(
                        "unknown trigger \"" + part.trim() + "\"; the triggers are " + String.join(",", names()));
            }
            kinds.add(found);
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no trigger given; the triggers are " + String.join(",", names()));
        }
        return kinds;
    }

    /** The kinds --trigger names: all but {@link #MANUAL}. */
    public static Set<TriggerKind> triggerable() {
        return EnumSet.complementOf(EnumSet.of(MANUAL));
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (TriggerKind kind : triggerable()) {
            names.add(kind.wireName);
        }
        return names;
    }
}
