package dev.streamscope.app.live;

import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.recording.HistogramPair;

/**
 * The class histograms taken while a recording ran (in the window, one at a time on demand), so that a saved recording
 * holds them as a capture's does: the first and the latest of the latest one's kind. Thread-safe: histograms arrive on
 * the session's histogram thread.
 */
final class HistogramLog {

    private HeapHistogram first;
    private HeapHistogram latest;

    synchronized void add(HeapHistogram histogram) {
        if (latest == null || latest.mode() != histogram.mode()) {
            first = histogram; // "change since" compares like with like: a live one against a live one
        }
        latest = histogram;
    }

    /** The pair a saved recording holds, or null when none was taken. */
    synchronized HistogramPair pair() {
        if (latest == null) {
            return null;
        }
        if (first == latest) {
            return new HistogramPair(
                    latest.mode(), latest, null, null, "one class histogram of this kind was taken while recording");
        }
        return new HistogramPair(latest.mode(), first, null, latest, null);
    }
}
