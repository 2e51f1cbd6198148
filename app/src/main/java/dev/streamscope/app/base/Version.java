package dev.streamscope.app.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version the build stamped into the app, from the POM: the same text in the manifest, --version and About. */
public final class Version {

    private static final String CURRENT = read();

    private Version() {}

    /** The POM's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return CURRENT;
    }

    /** What --version and the About dialog print: {@code StreamScope 0.1.0-SNAPSHOT}. */
    public static String title() {
        return "StreamScope " + CURRENT;
    }

    // A filtered resource rather than the manifest, so that tests and IDE runs from classes see it too.
    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build of " + Version.class);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
