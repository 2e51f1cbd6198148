package dev.streamscope.app.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** What the watch tests run and read: a watch on a thread of its own, its watch.log, its incident folders. */
final class WatchFolders {

    private WatchFolders() {}

    /** On a thread of its own: the common pool may have a single thread on a 2-core machine. */
    static CompletableFuture<Watch.Result> runAsync(Watch watch) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return watch.run();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                runnable -> new Thread(runnable, "watch-under-test").start());
    }

    /** The watch.log in {@code out} so far, or "" before the watch made it. */
    static String log(Path out) throws IOException {
        Path file = out.resolve(WatchLog.FILE);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    static List<Path> incidentFolders(Path out) throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(out)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith(Incident.FOLDER_PREFIX))
                    .toList();
        }
    }
}
