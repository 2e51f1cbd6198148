package dev.streamscope.app.ui.histogram;

import java.util.Locale;

/**
 * One line of the histogram table: a class of one histogram, or what a class gained since the previous one.
 *
 * @param instances objects of the class, or objects gained (negative when lost) in a change
 * @param bytes their shallow size, or bytes gained
 * @param streamClass whether its instances are gRPC calls or streams, highlighted
 * @param change whether the numbers are gains, shown with their sign
 */
record HistogramRowView(String className, long instances, long bytes, boolean streamClass, boolean change) {

    String instancesText() {
        return number(instances);
    }

    String bytesText() {
        return number(bytes);
    }

    private String number(long value) {
        return String.format(Locale.ROOT, change ? "%+,d" : "%,d", value);
    }
}
