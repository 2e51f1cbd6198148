package dev.streamscope.app.streams;

import dev.streamscope.app.base.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The trend of the live set: a least-squares line through the old generation after each collection.
 *
 * <p>Follows JDK Mission Control's {@code IncreasingLiveSetRule} (core/org.openjdk.jmc.flightrecorder.rules.jdk,
 * package memory): a least-squares slope of heap used after GC over time, judged relative to the heap's size. Differs
 * in that it fits the old generation rather than the whole heap (young collections leave the young generation empty
 * anyway), asks for a strong fit (R² ≥ {@link #MIN_R2}) instead of scoring the slope alone, since a sawtooth of
 * promotions and full collections has a slope too, judges the rise against the old generation's max instead of the
 * post-warm-up heap (JMC finds warm-up from class loading events, which JMX does not give), and projects when the
 * line reaches that max.
 *
 * @param slopeBytesPerMinute the fitted growth
 * @param r2 how well the line fits, 0 to 1
 * @param projectedFullAt when the line reaches the old generation's max; {@code null} unless flagged with a known max
 * @param points collections fitted
 * @param flagged the fit is strong and the rise over the fitted span is at least {@link #MIN_RISE} of the max (of the
 *     mean live set when no max is known)
 * @param firstAt the first collection fitted: the line starts here
 * @param lastAt the last collection fitted: the line ends here
 * @param bytesAtFirst the line's value at {@code firstAt}
 */
public record LiveSetTrend(
        double slopeBytesPerMinute,
        double r2,
        Instant projectedFullAt,
        int points,
        boolean flagged,
        Instant firstAt,
        Instant lastAt,
        double bytesAtFirst) {

    /** Fewer collections than this say nothing about a trend. */
    public static final int MIN_POINTS = 5;

    static final double MIN_R2 = 0.7;
    static final double MIN_RISE = 0.05;

    /**
     * The trend through {@code points} (any order), or why there is none.
     *
     * @param maxBytes the old generation's max, or a negative number when it has none (undefined max)
     */
    public static LiveSetEstimate of(List<LiveSetPoint> points, long maxBytes) {
        if (points.size() < MIN_POINTS) {
            return LiveSetEstimate.none(
                    points.size(),
                    "only " + points.size() + " collection" + (points.size() == 1 ? "" : "s")
                            + " of the old generation seen; a trend needs at least " + MIN_POINTS);
        }
        List<LiveSetPoint> ordered =
                points.stream().sorted(Comparator.comparing(LiveSetPoint::at)).toList();
        long first = ordered.get(0).at().toEpochMilli();
        long last = ordered.get(ordered.size() - 1).at().toEpochMilli();
        if (last == first) {
            return LiveSetEstimate.none(points.size(), "every collection seen ended at the same time");
        }
        double[] minutes = new double[ordered.size()];
        double[] bytes = new double[ordered.size()];
        double mean = 0;
        for (int i = 0; i < ordered.size(); i++) {
            minutes[i] = (ordered.get(i).at().toEpochMilli() - first) / 60_000.0;
            bytes[i] = ordered.get(i).bytes();
            mean += bytes[i] / ordered.size();
        }
        LinearFit fit = LinearFit.of(minutes, bytes, 0, ordered.size());
        double span = minutes[minutes.length - 1];
        double scale = maxBytes > 0 ? maxBytes : mean;
        boolean flagged = fit.slope() > 0 && fit.r2() >= MIN_R2 && fit.slope() * span >= MIN_RISE * scale;
        Instant fullAt = null;
        if (flagged && maxBytes > 0) {
            double minutesLeft = Math.max(0, (maxBytes - fit.at(span)) / fit.slope());
            fullAt = Instant.ofEpochMilli(last + Math.round(minutesLeft * 60_000));
        }
        LiveSetTrend trend = new LiveSetTrend(
                fit.slope(),
                fit.r2(),
                fullAt,
                ordered.size(),
                flagged,
                ordered.get(0).at(),
                ordered.get(ordered.size() - 1).at(),
                fit.at(0));
        return new LiveSetEstimate(trend, null, ordered.size());
    }

    /** The fitted line's value at {@code at}, in bytes; meaningful between {@link #firstAt} and {@link #lastAt}. */
    public double bytesAt(Instant at) {
        return bytesAtFirst + slopeBytesPerMinute * (at.toEpochMilli() - firstAt.toEpochMilli()) / 60_000.0;
    }

    /** "full in ≈ 42 min", or empty when no projection was made. */
    public String projection(Instant now) {
        if (projectedFullAt == null) {
            return "";
        }
        Duration left = Duration.between(now, projectedFullAt);
        return left.isNegative() || left.isZero() ? "full now" : "full in ≈ " + DurationText.age(left);
    }

    /**
     * A trend, or the reason there is none.
     *
     * @param trend {@code null} when too few collections were seen
     * @param reason why there is no trend; {@code null} when there is one
     * @param collections collections of the old generation seen, fitted or not
     */
    public record LiveSetEstimate(LiveSetTrend trend, String reason, int collections) {

        static LiveSetEstimate none(int collections, String reason) {
            return new LiveSetEstimate(null, reason, collections);
        }

        /** Few words for a chart: "trend needs 5 collections (2 so far)", or null when there is a trend. */
        public String shortReason() {
            if (trend != null) {
                return null;
            }
            return collections < MIN_POINTS
                    ? "trend needs " + MIN_POINTS + " collections (" + collections + " so far)"
                    : "no trend: " + reason;
        }
    }
}
