package dev.streamscope.app.base;

/** Names made from what a user typed (a target's address, a tab's title) that every file system accepts. */
public final class FileNames {

    private FileNames() {}

    /** Each run of characters other than letters, digits, dot, underscore and dash becomes one {@code _}. */
    public static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
