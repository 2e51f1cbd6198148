package dev.streamscope.app.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/** A settings file read leniently and written atomically, so a crash mid-write leaves the previous one intact. */
final class PropertiesFile {

    private PropertiesFile() {}

    /** The file's properties; empty when it is missing or damaged, so the caller falls back to its defaults. */
    static Optional<Properties> read(Path file) {
        return read(file, problem -> {});
    }

    /** As {@link #read(Path)}, telling {@code warnings} why a file that exists could not be read. */
    static Optional<Properties> read(Path file, Consumer<String> warnings) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return Optional.of(properties);
        } catch (IOException | IllegalArgumentException e) {
            warnings.accept(file + " is unreadable (" + e.getMessage() + "); using the default settings.");
            return Optional.empty();
        }
    }

    static void write(Path file, Properties properties, String comment) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary =
                Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, comment);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
