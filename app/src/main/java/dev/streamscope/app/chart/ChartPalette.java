package dev.streamscope.app.chart;

import java.awt.Color;

/**
 * The colours of a chart's surfaces and text, one set per look of the window. Series colours are the same in both:
 * the Tableau 10 set stays distinct on white and on near-black.
 */
public record ChartPalette(Color background, Color grid, Color text, Color mutedText) {

    /** Exported PNGs and headless captures: white, like a printed page. */
    public static final ChartPalette LIGHT =
            new ChartPalette(Color.WHITE, new Color(0xe3e6ea), new Color(0x24292f), new Color(0x57606a));

    /** Matches AtlantaFX Primer Dark's canvas. */
    public static final ChartPalette DARK =
            new ChartPalette(new Color(0x0d1117), new Color(0x30363d), new Color(0xe6edf3), new Color(0x9aa5b1));
}
