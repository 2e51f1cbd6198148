package dev.streamscope.app.settings;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.channelz.ChannelzTarget;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Keeps {@link Settings} in a small properties file ({@code ~/.streamscope/settings.properties}, or under
 * {@code $STREAMSCOPE_HOME}). A damaged file never stops the app: unreadable values fall back to the defaults.
 */
public final class SettingsStore {

    private static final String FILE_NAME = "settings.properties";

    private final Path file;

    public SettingsStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
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
        if (!Files.isRegularFile(file)) {
            return Settings.DEFAULTS;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Settings.DEFAULTS;
        }
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
                    Boolean.parseBoolean(properties.getProperty(prefix + "ssl", "false")),
                    new RecentChannelz(
                            channelz,
                            Boolean.parseBoolean(properties.getProperty(prefix + "channelzTls", "false")),
                            properties.getProperty(prefix + "channelzCa", ""),
                            properties.getProperty(prefix + "channelzServerName", ""),
                            properties.getProperty(prefix + "channelzCert", ""),
                            properties.getProperty(prefix + "channelzKey", ""),
                            inRange(
                                    properties,
                                    prefix + "channelzMaxInFlight",
                                    ChannelzTarget.MAX_IN_FLIGHT_LIMIT,
                                    ChannelzTarget.DEFAULT_MAX_IN_FLIGHT))));
        }
        return new Settings(
                recent,
                duration(properties, "interval", defaults.interval()),
                duration(properties, "connectTimeout", defaults.connectTimeout()),
                duration(properties, "callTimeout", defaults.callTimeout()),
                properties.getProperty("window", defaults.window()),
                positive(properties, "export.width", defaults.exportWidth()),
                positive(properties, "export.height", defaults.exportHeight()),
                properties.getProperty("export.folder", defaults.exportFolder()),
                properties.getProperty("lifetime", defaults.lifetime()),
                trendWindow(properties, defaults.trendWindow()));
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
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "StreamScope settings (no passwords are ever stored)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Duration duration(Properties properties, String key, Duration fallback) {
        String value = properties.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            Duration parsed = DurationText.parse(value);
            return parsed.isZero() ? fallback : parsed;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static Duration trendWindow(Properties properties, Duration fallback) {
        Duration window = duration(properties, "trendWindow", fallback);
        return Settings.validTrendWindow(window) ? window : fallback;
    }

    private static int positive(Properties properties, String key, int fallback) {
        return inRange(properties, key, Integer.MAX_VALUE, fallback);
    }

    /** The value from 1 to {@code most}; the fallback when it is missing, not a number or out of range. */
    private static int inRange(Properties properties, String key, int most, int fallback) {
        try {
            int value = Integer.parseInt(properties.getProperty(key, "").trim());
            return value >= 1 && value <= most ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
