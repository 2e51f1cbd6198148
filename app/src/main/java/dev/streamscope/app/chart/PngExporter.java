package dev.streamscope.app.chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/**
 * Writes charts as PNG files, rendered from the chart model at the requested size (not grabbed from the screen), so
 * the window and headless capture produce the same pictures. Each file appears whole or not at all: it is written to a
 * temporary file in the same folder and moved into place atomically.
 *
 * <p>Call from the charts' owner thread: rendering reads the datasets.
 */
public final class PngExporter {

    public static final int DEFAULT_WIDTH = 1_600;
    public static final int DEFAULT_HEIGHT = 900;

    /** File-name safe (no colons): {@code 2026-11-29T09-45-01}. */
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

    private PngExporter() {}

    /**
     * Renders {@code chart} at {@code width} × {@code height} into {@code file}, replacing it if present.
     *
     * @throws IOException when the folder is missing or not writable (the message names it), or the write failed; no
     *     partial file is left behind
     */
    public static void write(JFreeChart chart, Path file, int width, int height) throws IOException {
        writeImage(render(chart, width, height), file);
    }

    /**
     * Draws {@code chart} into an image at {@code width} × {@code height}. This is the part that reads the datasets, so
     * it runs on the charts' owner thread; encoding and writing ({@link #writeImage}) may then run anywhere.
     */
    public static BufferedImage render(JFreeChart chart, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + width + "x" + height);
        }
        return chart.createBufferedImage(width, height);
    }

    /**
     * Encodes {@code image} as PNG into {@code file}, replacing it if present; safe on any thread.
     *
     * @throws IOException when the folder is missing or not writable (the message names it), or the write failed; no
     *     partial file is left behind
     */
    public static void writeImage(BufferedImage image, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        checkWritableDirectory(directory);
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG encoder is available in this Java runtime");
                }
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** A chart already drawn, with the file name it is to be written under. */
    public record RenderedChart(String fileName, BufferedImage image) {}

    /** {@code <id>-<local time>.png}, for example {@code heap-2026-11-29T09-45-01.png}. */
    public static String fileName(String chartId, Instant now) {
        return chartId + "-" + fileTime(now) + ".png";
    }

    /** The local time as file names carry it, without colons: {@code 2026-11-29T09-45-01}. */
    public static String fileTime(Instant time) {
        return FILE_TIME.format(time.atZone(ZoneId.systemDefault()));
    }

    /** Writes charts drawn earlier into {@code directory}; safe on any thread. */
    public static List<Path> writeAll(List<RenderedChart> charts, Path directory) throws IOException {
        checkWritableDirectory(directory.toAbsolutePath());
        List<Path> written = new ArrayList<>();
        for (RenderedChart chart : charts) {
            Path file = directory.resolve(chart.fileName());
            writeImage(chart.image(), file);
            written.add(file);
        }
        return written;
    }

    /**
     * Writes every chart into {@code directory} as {@code <id>-<local time>.png}, for example {@code
     * heap-2026-11-29T09-45-01.png}. The charts are drawn as they are: refresh them first.
     *
     * @return the files written, in the order of {@code charts}
     */
    public static List<Path> exportAll(Collection<LiveChart> charts, Path directory, int width, int height, Instant now)
            throws IOException {
        return exportAll(charts, directory, width, height, now, ZoneId.systemDefault());
    }

    public static List<Path> exportAll(
            Collection<LiveChart> charts, Path directory, int width, int height, Instant now, ZoneId zone)
            throws IOException {
        checkWritableDirectory(directory.toAbsolutePath());
        String time = FILE_TIME.format(now.atZone(zone));
        List<Path> written = new ArrayList<>();
        for (LiveChart chart : charts) {
            Path file = directory.resolve(chart.id() + "-" + time + ".png");
            write(chart.chart(), file, width, height);
            written.add(file);
        }
        return written;
    }

    private static void checkWritableDirectory(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            throw new NoSuchFileException(
                    String.valueOf(directory), null, "the export folder does not exist; create it or choose another");
        }
        if (!Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory + " is a file, not a folder; choose a folder to export into");
        }
        if (!Files.isWritable(directory)) {
            throw new AccessDeniedException(
                    directory.toString(), null, "the export folder is not writable; choose another");
        }
    }
}
