package dev.streamscope.app.chart;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Pixel checks on rendered charts. */
public final class ChartImages {

    private ChartImages() {}

    static int pixelsOf(BufferedImage image, Color color) {
        int rgb = color.getRGB() & 0xffffff;
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    static int pixelsNotOf(BufferedImage image, Color color) {
        return image.getWidth() * image.getHeight() - pixelsOf(image, color);
    }

    /** Pixels within {@code tolerance} of {@code color} in each channel: lines drawn antialiased, mostly covered. */
    public static int pixelsNear(BufferedImage image, Color color, int tolerance) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color pixel = new Color(image.getRGB(x, y));
                if (Math.abs(pixel.getRed() - color.getRed()) <= tolerance
                        && Math.abs(pixel.getGreen() - color.getGreen()) <= tolerance
                        && Math.abs(pixel.getBlue() - color.getBlue()) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }
}
