package dev.streamscope.app.jmx.histogram;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A class histogram of a target's heap, immutable and bounded: the largest classes by bytes, the gRPC stream classes
 * wherever they rank, and the totals of all classes.
 *
 * @param takenAt when the histogram was asked for
 * @param mode live objects only, or all
 * @param rows the largest classes by bytes, largest first, at most the parser's row limit
 * @param streamRows the gRPC and Netty stream classes ({@link GrpcStreamClasses}), largest first, whether or not they
 *     made it into {@code rows}
 * @param classes how many classes the reply listed
 * @param totalInstances objects of all classes
 * @param totalBytes bytes of all classes
 */
public record HeapHistogram(
        Instant takenAt,
        HistogramMode mode,
        List<HistogramRow> rows,
        List<HistogramRow> streamRows,
        int classes,
        long totalInstances,
        long totalBytes) {

    public HeapHistogram {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(mode, "mode");
        rows = List.copyOf(rows);
        streamRows = List.copyOf(streamRows);
    }

    /** Whether classes beyond the row limit were left out of {@link #rows()}. */
    public boolean truncated() {
        return classes > rows.size();
    }

    /**
     * gRPC calls in the heap: instances of grpc-java's {@code ServerCallImpl} and {@code ClientCallImpl}, one per call
     * and side while the call is referenced (also when it is garbage, in {@link HistogramMode#ALL}).
     */
    public long grpcCalls() {
        return streamRows.stream()
                .filter(row -> GrpcStreamClasses.isCall(row.className()))
                .mapToLong(HistogramRow::instances)
                .sum();
    }
}
