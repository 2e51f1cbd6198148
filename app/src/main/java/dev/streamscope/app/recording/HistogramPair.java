package dev.streamscope.app.recording;

import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import java.util.Objects;

/**
 * The class histograms a recording took of its target, one at the start and one at the end; each is there or says
 * why not.
 *
 * @param start the histogram at the start, or null
 * @param startProblem why {@code start} is null (a timeout, a refused operation, no JMX connection), else null
 * @param end the histogram at the end, or null
 * @param endProblem why {@code end} is null, else null
 */
public record HistogramPair(
        HistogramMode mode, HeapHistogram start, String startProblem, HeapHistogram end, String endProblem) {

    public HistogramPair {
        Objects.requireNonNull(mode, "mode");
        if ((start == null) == (startProblem == null) || (end == null) == (endProblem == null)) {
            throw new IllegalArgumentException("each histogram is either taken or missing with a reason");
        }
    }

    /** Whether at least one of the two was taken. */
    public boolean anyTaken() {
        return start != null || end != null;
    }
}
