package dev.streamscope.app.settings;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.lifetime.LifetimePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Keeps {@link Settings} in a small properties file ({@code ~/.streamscope/settings.properties}, or under
 * {@code $STREAMSCOPE_HOME}). A damaged file never stops the app: each unreadable value is reported as a warning and
 * its default used.
 */
public final class SettingsStore {

    private static final String FILE_NAME = "settings.properties";

    /** A poll interval or deadline longer than a day is a damaged value, not a wish. */
    static final Duration LONGEST_DURATION = Duration.ofDays(1);

    /** Larger exports would need gigabytes of image memory. */
    static final int LARGEST_EXPORT_SIDE = 16_384;

    private final Path file;
    private final Consumer<String> warnings;

    /** A store that warns on stderr. */
    public SettingsStore(Path directory) {
        this(directory, warning -> System.err.println("streamscope: " + warning));
    }

    /** @param warnings told, in a sentence each, about every damaged value that was replaced by its default */
    public SettingsStore(Path directory, Consumer<String> warnings) {
        this.file = directory.resolve(FILE_NAME);
        this.warnings = warnings;
    }

    /** The store in {@code $STREAMSCOPE_HOME}, the {@code streamscope.home} property, or {@code ~/.streamscope}. */
    public static SettingsStore standard() {
        String home = System.getProperty("streamscope.home", System.getenv("STREAMSCOPE_HOME"));
        Path directory = home != null && !home.isBlank()
                ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".streamscope");
        return new SettingsStore(directory);
    }

    public Path file() {
        return file;
    }

    public Settings load() {
        Properties properties = PropertiesFile.read(file, warnings).orElse(null);
        if (properties == null) {
            return Settings.DEFAULTS;
        }
        Values values = new Values(properties);
        Settings defaults = Settings.DEFAULTS;
        List<RecentConnection> recent = new ArrayList<>();
        for (int i = 0; i < Settings.MAX_RECENT; i++) {
            String prefix = "recent." + i + ".";
            String address = properties.getProperty(prefix + "address", "");
            String channelz = properties.getProperty(prefix + "channelz", "");
            if (address.isBlank() && channelz.isBlank()) {
                break;
            }
            recent.add(new RecentConnection(
                    address,
                    properties.getProperty(prefix + "user", ""),
                    values.flag(prefix + "ssl"),
                    new RecentChannelz(
                            channelz,
                            values.flag(prefix + "channelzTls"),
                            properties.getProperty(prefix + "channelzCa", ""),
                            properties.getProperty(prefix + "channelzServerName", ""),
                            properties.getProperty(prefix + "channelzCert", ""),
                            properties.getProperty(prefix + "channelzKey", ""),
                            values.whole(
                                    prefix + "channelzMaxInFlight",
                                    ChannelzTarget.MAX_IN_FLIGHT_LIMIT,
                                    ChannelzTarget.DEFAULT_MAX_IN_FLIGHT)),
                    !"false"
                            .equals(properties
                                    .getProperty(prefix + "tunnelRedirect", "true")
                                    .strip()),
                    properties.getProperty(prefix + "jolokiaCa", "")));
        }
        return new Settings(
                recent,
                values.duration("interval", defaults.interval()),
                values.duration("connectTimeout", defaults.connectTimeout()),
                values.duration("callTimeout", defaults.callTimeout()),
                values.oneOf("window", Settings.WINDOWS, defaults.window()),
                values.whole("export.width", LARGEST_EXPORT_SIDE, defaults.exportWidth()),
                values.whole("export.height", LARGEST_EXPORT_SIDE, defaults.exportHeight()),
                values.checked("export.folder", defaults.exportFolder(), folder -> Path.of(folder)),
                values.checked("lifetime", defaults.lifetime(), LifetimePolicy::fromText),
                values.trendWindow(defaults.trendWindow()),
                values.oneOf("theme", Settings.THEMES, defaults.theme()),
                values.fontScale(defaults.fontScale()));
    }

    /** Writes atomically, so a crash mid-write leaves the previous settings intact. */
    public void save(Settings settings) throws IOException {
        Properties properties = new Properties();
        for (int i = 0; i < settings.recent().size(); i++) {
            String prefix = "recent." + i + ".";
            RecentConnection connection = settings.recent().get(i);
            properties.setProperty(prefix + "address", connection.address());
            properties.setProperty(prefix + "user", connection.user());
            properties.setProperty(prefix + "ssl", Boolean.toString(connection.ssl()));
            properties.setProperty(prefix + "tunnelRedirect", Boolean.toString(connection.tunnelRedirect()));
            properties.setProperty(prefix + "jolokiaCa", connection.jolokiaCaFile());
            RecentChannelz channelz = connection.channelz();
            properties.setProperty(prefix + "channelz", channelz.address());
            properties.setProperty(prefix + "channelzTls", Boolean.toString(channelz.tls()));
            properties.setProperty(prefix + "channelzCa", channelz.caFile());
            properties.setProperty(prefix + "channelzServerName", channelz.serverName());
            properties.setProperty(prefix + "channelzCert", channelz.certificateFile());
            properties.setProperty(prefix + "channelzKey", channelz.keyFile());
            properties.setProperty(prefix + "channelzMaxInFlight", Integer.toString(channelz.maxInFlight()));
        }
        properties.setProperty("interval", DurationText.format(settings.interval()));
        properties.setProperty("connectTimeout", DurationText.format(settings.connectTimeout()));
        properties.setProperty("callTimeout", DurationText.format(settings.callTimeout()));
        properties.setProperty("window", settings.window());
        properties.setProperty("export.width", Integer.toString(settings.exportWidth()));
        properties.setProperty("export.height", Integer.toString(settings.exportHeight()));
        properties.setProperty("export.folder", settings.exportFolder());
        properties.setProperty("lifetime", settings.lifetime());
        properties.setProperty("trendWindow", DurationText.format(settings.trendWindow()));
        properties.setProperty("theme", settings.theme());
        properties.setProperty("fontScale", Integer.toString(settings.fontScale()));
        PropertiesFile.write(file, properties, "StreamScope settings (no passwords are ever stored)");
    }

    /** Reads one value at a time, and replaces a damaged one by its default with a warning that names both. */
    private final class Values {

        private final Properties properties;

        Values(Properties properties) {
            this.properties = properties;
        }

        Duration duration(String key, Duration fallback) {
            String value = properties.getProperty(key);
            if (value == null) {
                return fallback;
            }
            try {
                Duration parsed = DurationText.parse(value);
                if (!parsed.isZero() && parsed.compareTo(LONGEST_DURATION) <= 0) {
                    return parsed;
                }
                return damaged(key, value, "must be from 1ms to 24h", DurationText.format(fallback), fallback);
            } catch (IllegalArgumentException e) {
                return damaged(key, value, e.getMessage(), DurationText.format(fallback), fallback);
            }
        }

        /** A whole number from 1 to {@code most}. */
        int whole(String key, int most, int fallback) {
            String value = properties.getProperty(key);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.trim());
                if (parsed >= 1 && parsed <= most) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below, like a number out of range
            }
            return damaged(
                    key, value, "must be a whole number from 1 to " + most, Integer.toString(fallback), fallback);
        }

        boolean flag(String key) {
            String value = properties.getProperty(key, "false").trim();
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            return damaged(key, value, "must be true or false", "false", false);
        }

        String oneOf(String key, List<String> allowed, String fallback) {
            String value = properties.getProperty(key, fallback);
            return allowed.contains(value)
                    ? value
                    : damaged(key, value, "must be one of " + String.join(", ", allowed), fallback, fallback);
        }

        int fontScale(int fallback) {
            int scale = whole("fontScale", Settings.MAX_FONT_SCALE, fallback);
            return scale >= Settings.MIN_FONT_SCALE
                    ? scale
                    : damaged(
                            "fontScale",
                            properties.getProperty("fontScale"),
                            "must be a percentage from " + Settings.MIN_FONT_SCALE + " to " + Settings.MAX_FONT_SCALE,
                            Integer.toString(fallback),
                            fallback);
        }

        Duration trendWindow(Duration fallback) {
            Duration window = duration("trendWindow", fallback);
            return Settings.validTrendWindow(window)
                    ? window
                    : damaged(
                            "trendWindow",
                            properties.getProperty("trendWindow"),
                            "must be from " + DurationText.format(Settings.MIN_TREND_WINDOW) + " to "
                                    + DurationText.format(Settings.MAX_TREND_WINDOW),
                            DurationText.format(fallback),
                            fallback);
        }

        /** The text as written when {@code check} takes it, else the fallback. */
        String checked(String key, String fallback, Consumer<String> check) {
            String value = properties.getProperty(key, fallback);
            try {
                check.accept(value);
                return value;
            } catch (IllegalArgumentException e) { // InvalidPathException is one too
                return damaged(key, value, e.getMessage(), fallback.isEmpty() ? "none" : fallback, fallback);
            }
        }

        private <T> T damaged(String key, String value, String why, String fallbackText, T fallback) {
            warnings.accept("ignoring " + key + "=" + value + " in " + file + ": " + why + "; using " + fallbackText
                    + " instead.");
            return fallback;
        }
    }
}
