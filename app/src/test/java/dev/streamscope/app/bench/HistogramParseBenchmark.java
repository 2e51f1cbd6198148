package dev.streamscope.app.bench;

import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramParser;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Parsing a {@code GC.class_histogram} reply of 30,000 classes (about 3 MB, as a big service's heap gives) with a row
 * limit. The reply is built as JDK 17 writes it: module suffixes, nested, hidden and array classes, the gRPC classes
 * somewhere in the middle. Goal: ≤ 200 ms. Run with {@code -prof gc}: bytes allocated per parse follow the row
 * limit, not the reply (the reply itself is already in memory, as the JMX answer).
 *
 * <p>Run: {@code mvn -B -pl app -am -DskipTests -Pbench verify -Djmh.args='HistogramParseBenchmark -f 1 -wi 3 -i 5
 * -prof gc'}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HistogramParseBenchmark {

    private final ThreadCpu cpu = new ThreadCpu();

    private static final int CLASSES = 30_000;

    @Param({"500", "5000", "30000"})
    public int rowLimit;

    private String reply;

    @Setup
    public void buildReply() {
        StringBuilder text = new StringBuilder(CLASSES * 100);
        text.append(" num     #instances         #bytes  class name (module)\n");
        text.append("-------------------------------------------------------\n");
        long totalInstances = 0;
        long totalBytes = 0;
        for (int rank = 1; rank <= CLASSES; rank++) {
            long bytes = Math.max(16, 400_000_000L / (rank * (long) rank / 50 + 1));
            long instances = Math.max(1, bytes / (16 + rank % 64));
            totalInstances += instances;
            totalBytes += bytes;
            text.append(String.format("%6d: %13d %14d  %s%n", rank, instances, bytes, className(rank)));
        }
        text.append(String.format("Total %14d %14d%n", totalInstances, totalBytes));
        reply = text.toString();
    }

    private static String className(int rank) {
        return switch (rank % 7) {
            case 0 -> "com.example.orders.internal.OrderLineItemProjection" + rank + "$Builder";
            case 1 -> "[Ljava.util.concurrent.ConcurrentHashMap$Node" + rank + "; (java.base@17.0.15)";
            case 2 -> "io.grpc.netty.shaded.io.netty.buffer.PoolThreadCache$MemoryRegionCache" + rank;
            case 3 -> "com.example.Service$$Lambda$" + rank + "/0x00007fc8cc0e7d80";
            case 4 -> rank == 1_004 ? "io.grpc.internal.ServerCallImpl" : "io.grpc.internal.ManagedChannelImpl" + rank;
            case 5 -> "org.springframework.beans.factory.support.DefaultListableBeanFactory" + rank;
            default -> "java.lang.invoke.LambdaForm$MH/0x0000000800c" + rank + " (java.base@17.0.15)";
        };
    }

    @Benchmark
    public HeapHistogram parse() {
        cpu.before();
        HeapHistogram histogram = HistogramParser.parse(reply, HistogramMode.ALL, Instant.EPOCH, rowLimit);
        cpu.after();
        return histogram;
    }

    @TearDown(Level.Iteration)
    public void reportCpu() {
        cpu.report("parse 30,000 classes, row limit " + rowLimit);
    }
}
