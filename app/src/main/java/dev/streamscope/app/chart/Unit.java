package dev.streamscope.app.chart;

import dev.streamscope.app.base.SizeText;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;

/** The unit a chart's values are shown in, with the factor from what the store holds (bytes, ms, %, counts). */
public enum Unit {
    MEBIBYTES("MiB", 1.0 / SizeText.BYTES_PER_MEBIBYTE, "#,##0.0"),
    MILLISECONDS("ms", 1.0, "#,##0.#"),
    PERCENT("%", 1.0, "0.0"),
    COUNT("count", 1.0, "#,##0"),
    PER_SECOND("per s", 1.0, "#,##0.#"),
    /** Stored as milliseconds, shown as seconds: stream ages and lifetimes. */
    SECONDS("s", 1.0 / 1000, "#,##0.#");

    private final String symbol;
    private final double factorFromStored;
    private final String pattern;

    Unit(String symbol, double factorFromStored, String pattern) {
        this.symbol = symbol;
        this.factorFromStored = factorFromStored;
        this.pattern = pattern;
    }

    /** What the axis label says: "MiB", "ms", "%", "count". */
    public String symbol() {
        return symbol;
    }

    public double fromStored(double storedValue) {
        return storedValue * factorFromStored;
    }

    /**
     * "12.5 MiB", "3 ms", "41.0 %" (a dot and commas in every locale); a count is shown bare ("27"), since "27 count"
     * reads badly.
     */
    public String format(double value) {
        NumberFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        return this == COUNT ? format.format(value) : format.format(value) + " " + symbol;
    }
}
