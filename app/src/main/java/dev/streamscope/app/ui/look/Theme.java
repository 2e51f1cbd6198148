package dev.streamscope.app.ui.look;

import java.util.Arrays;

/** The window's look as the user chose it; {@link #DESKTOP} follows the desktop's light or dark preference. */
public enum Theme {
    LIGHT("light"),
    DARK("dark"),
    DESKTOP("desktop");

    private final String id;

    Theme(String id) {
        this.id = id;
    }

    /** The id a settings file holds. */
    public String id() {
        return id;
    }

    static Theme fromId(String id) {
        return Arrays.stream(values())
                .filter(theme -> theme.id.equals(id))
                .findFirst()
                .orElse(DESKTOP);
    }
}
