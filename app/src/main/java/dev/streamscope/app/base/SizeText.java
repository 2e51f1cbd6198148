package dev.streamscope.app.base;

import java.util.Locale;

/** Sizes in kibibytes and mebibytes, with a dot for the decimal whatever the machine's locale: files and texts read the same. */
public final class SizeText {

    public static final double BYTES_PER_MEBIBYTE = 1024.0 * 1024.0;

    private SizeText() {}

    public static double inMebibytes(double bytes) {
        return bytes / BYTES_PER_MEBIBYTE;
    }

    /** "12.3 MiB", "1,024.0 MiB". */
    public static String mebibytes(double bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", inMebibytes(bytes));
    }

    /** "4.0 KiB", "1,536.0 KiB": what a poll moves. */
    public static String kibibytes(double bytes) {
        return String.format(Locale.ROOT, "%,.1f KiB", bytes / 1024.0);
    }

    /** "512 MiB", "2,048 MiB": where a tenth is noise (a fleet's heaps). */
    public static String wholeMebibytes(double bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", inMebibytes(bytes));
    }
}
