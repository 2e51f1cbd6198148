import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes the folders given as arguments, if present, before jlink and jpackage write them again (both refuse to write
 * over an earlier output). Run as a single-file program by the installer profile, so it needs no shell and no plugin.
 */
public final class RemoveEarlierImage {

    public static void main(String[] folders) throws IOException {
        for (String folder : folders) {
            Path root = Path.of(folder);
            if (Files.exists(root)) {
                try (Stream<Path> paths = Files.walk(root)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
    }
}
