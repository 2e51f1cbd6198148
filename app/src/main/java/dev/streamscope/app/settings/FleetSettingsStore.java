package dev.streamscope.app.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Keeps {@link FleetSettings} in {@code fleet.properties} beside {@code settings.properties}; a file of its own, so
 * the Fleet tab and the window's settings never overwrite each other. A damaged file gives the defaults.
 */
public final class FleetSettingsStore {

    private static final String FILE_NAME = "fleet.properties";

    private final Path file;

    public FleetSettingsStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    /** The store beside {@link SettingsStore#standard()}'s file. */
    public static FleetSettingsStore standard() {
        return new FleetSettingsStore(SettingsStore.standard().file().getParent());
    }

    public Path file() {
        return file;
    }

    public FleetSettings load() {
        FleetSettings defaults = FleetSettings.DEFAULTS;
        Properties properties = PropertiesFile.read(file).orElse(null);
        if (properties == null) {
            return defaults;
        }
        return new FleetSettings(
                properties.getProperty("prometheus.url", defaults.prometheusUrl()),
                properties.getProperty("prometheus.ca", defaults.caFile()),
                properties.getProperty("prometheus.user", defaults.user()),
                properties.getProperty("template.jmx", defaults.jmxTemplate()),
                properties.getProperty("template.channelz", defaults.channelzTemplate()),
                properties.getProperty("metrics", defaults.metrics()));
    }

    /** Writes atomically, so a crash mid-write leaves the previous settings intact. */
    public void save(FleetSettings settings) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("prometheus.url", settings.prometheusUrl());
        properties.setProperty("prometheus.ca", settings.caFile());
        properties.setProperty("prometheus.user", settings.user());
        properties.setProperty("template.jmx", settings.jmxTemplate());
        properties.setProperty("template.channelz", settings.channelzTemplate());
        properties.setProperty("metrics", settings.metrics());
        PropertiesFile.write(file, properties, "StreamScope fleet settings (tokens and passwords are never stored)");
    }
}
