package dev.streamscope.app.jmx.histogram;

import java.util.Objects;

/**
 * One class of a heap histogram.
 *
 * @param className as the JVM names it ({@code [B}, {@code io.grpc.internal.ServerCallImpl}), without its module
 * @param instances objects of that class
 * @param bytes their shallow size
 */
public record HistogramRow(String className, long instances, long bytes) {

    public HistogramRow {
        Objects.requireNonNull(className, "className");
    }
}
