package dev.streamscope.app.ui.look;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Reads whether the desktop prefers dark: {@code GTK_THEME}, else GNOME's {@code color-scheme}. JavaFX 21 has no
 * preferences API (22 does). Runs a process, so call it off the FX thread; light when nothing can be read.
 */
public final class DesktopLook {

    private static final long DEADLINE_SECONDS = 2;

    private DesktopLook() {}

    public static boolean prefersDark() {
        String gtkTheme = System.getenv("GTK_THEME");
        if (gtkTheme != null && !gtkTheme.isBlank()) {
            return gtkTheme.toLowerCase(Locale.ROOT).contains("dark");
        }
        return gnomeColorScheme().contains("prefer-dark");
    }

    private static String gnomeColorScheme() {
        Process process = null;
        try {
            process = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                return "";
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // no gsettings: not GNOME
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
