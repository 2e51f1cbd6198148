package dev.streamscope.app.fleet;

import java.util.Map;

/**
 * One series of a query's answer: its labels and its value; for a range query also its values on the step grid.
 *
 * @param value the instant value, or a range's last value
 * @param range a range query's values, {@link Sparkline#EMPTY} for an instant query
 */
public record PrometheusSeries(Map<String, String> labels, double value, Sparkline range) {

    public PrometheusSeries {
        labels = Map.copyOf(labels);
    }
}
