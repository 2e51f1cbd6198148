package dev.streamscope.app.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which targets the window watches for a leak starting, by the name their tab shows, in {@code watched.properties}
 * beside {@code settings.properties}: a file of its own, so a tab's switch and the window's settings never overwrite
 * each other. A damaged file watches nothing.
 */
public final class WatchedTargetsStore {

    private static final String FILE_NAME = "watched.properties";

    private final Path file;

    public WatchedTargetsStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The names of the watched targets. */
    public Set<String> load() {
        Set<String> watched = new TreeSet<>();
        PropertiesFile.read(file)
                .ifPresent(properties -> properties.stringPropertyNames().stream()
                        .filter(name -> Boolean.parseBoolean(properties.getProperty(name)))
                        .forEach(watched::add));
        return watched;
    }

    /** Writes atomically, so a crash mid-write leaves the previous list intact. */
    public void save(Set<String> watched) throws IOException {
        Properties properties = new Properties();
        watched.forEach(name -> properties.setProperty(name, "true"));
        PropertiesFile.write(file, properties, "StreamScope: the targets each tab watches for a leak starting");
    }
}
