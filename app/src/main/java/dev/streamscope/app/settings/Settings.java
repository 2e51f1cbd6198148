package dev.streamscope.app.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What StreamScope remembers between runs. Passwords are never part of it.
 *
 * @param recent most recent first, at most {@link #MAX_RECENT}
 * @param window the chart time window's id ("5m", "15m", "1h", "all")
 * @param lifetime stream lifetimes as {@code LifetimePolicy.toText()} writes them: "60s, /pkg.Service/Watch=1h"; empty
 *     when the user set none, so a service's own lifetimes (from its bridge) apply
 * @param trendWindow over how long open streams must climb on a connection to count as growing
 * @param theme the window's look: "light", "dark" or "desktop" (follow the desktop's preference)
 * @param fontScale the window's text size in percent of the normal size
 */
public record Settings(
        List<RecentConnection> recent,
        Duration interval,
        Duration connectTimeout,
        Duration callTimeout,
        String window,
        int exportWidth,
        int exportHeight,
        String exportFolder,
        String lifetime,
        Duration trendWindow,
        String theme,
        int fontScale) {

    public static final int MAX_RECENT = 10;
    /** Fewer than about ten polls make no trend; more than an hour is no longer "now". */
    public static final Duration MIN_TREND_WINDOW = Duration.ofSeconds(10);

    public static final Duration MAX_TREND_WINDOW = Duration.ofHours(1);

    /** The chart time windows a settings file may name (the ids of {@code chart.TimeWindow}, a layer above). */
    public static final List<String> WINDOWS = List.of("5m", "15m", "1h", "all");

    /** The looks a settings file may name. */
    public static final List<String> THEMES = List.of("light", "dark", "desktop");

    /** Smaller text is unreadable, larger leaves no room for a chart. */
    public static final int MIN_FONT_SCALE = 70;

    public static final int MAX_FONT_SCALE = 200;

    public static final Settings DEFAULTS = new Settings(
            List.of(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            "15m",
            1600,
            900,
            "",
            "",
            Duration.ofSeconds(60),
            "desktop",
            100);

    public Settings {
        recent = List.copyOf(recent);
    }

    /** Where exports and recordings go and are looked for: the last export's folder, else the home folder. */
    public Path exportFolderOrHome() {
        return exportFolder.isEmpty() ? Path.of(System.getProperty("user.home")) : Path.of(exportFolder);
    }

    /** Puts {@code connection} first, dropping an older entry for the same address and user. */
    public Settings withRecent(RecentConnection connection) {
        List<RecentConnection> updated = new ArrayList<>();
        updated.add(connection);
        recent.stream()
                .filter(other -> !(other.address().equals(connection.address())
                        && other.user().equals(connection.user())
                        && other.channelz().equals(connection.channelz())))
                .limit(MAX_RECENT - 1)
                .forEach(updated::add);
        return new Settings(
                updated,
                interval,
                connectTimeout,
                callTimeout,
                window,
                exportWidth,
                exportHeight,
                exportFolder,
                lifetime,
                trendWindow,
                theme,
                fontScale);
    }

    public Settings withWindow(String newWindow) {
        return new Settings(
                recent,
                interval,
                connectTimeout,
                callTimeout,
                newWindow,
                exportWidth,
                exportHeight,
                exportFolder,
                lifetime,
                trendWindow,
                theme,
                fontScale);
    }

    public Settings withExport(int width, int height, String folder) {
        return new Settings(
                recent,
                interval,
                connectTimeout,
                callTimeout,
                window,
                width,
                height,
                folder,
                lifetime,
                trendWindow,
                theme,
                fontScale);
    }

    public Settings withLifetime(String newLifetime) {
        return new Settings(
                recent,
                interval,
                connectTimeout,
                callTimeout,
                window,
                exportWidth,
                exportHeight,
                exportFolder,
                newLifetime,
                trendWindow,
                theme,
                fontScale);
    }

    /** With another trend window; the caller checked it lies within the bounds above. */
    public Settings withTrendWindow(Duration newTrendWindow) {
        return new Settings(
                recent,
                interval,
                connectTimeout,
                callTimeout,
                window,
                exportWidth,
                exportHeight,
                exportFolder,
                lifetime,
                newTrendWindow,
                theme,
                fontScale);
    }

    public Settings withLook(String newTheme, int newFontScale) {
        return new Settings(
                recent,
                interval,
                connectTimeout,
                callTimeout,
                window,
                exportWidth,
                exportHeight,
                exportFolder,
                lifetime,
                trendWindow,
                newTheme,
                newFontScale);
    }

    /** Whether {@code window} lies within {@link #MIN_TREND_WINDOW} and {@link #MAX_TREND_WINDOW}. */
    public static boolean validTrendWindow(Duration window) {
        return window.compareTo(MIN_TREND_WINDOW) >= 0 && window.compareTo(MAX_TREND_WINDOW) <= 0;
    }
}
