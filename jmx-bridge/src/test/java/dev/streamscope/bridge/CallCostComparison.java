package dev.streamscope.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@link CallCostBenchmark} run as paired rounds, for a machine too noisy for one long run per placement.
 *
 * <p>JMH runs each parameter set in its own fork, one after another, so a slow minute on a shared machine lands on one
 * placement and reads as the bridge's cost (or its gain). Here every round runs one fork of each placement back to
 * back, rotating which goes first, and compares each placement with the baseline of the same round only. Separate
 * forks keep the JIT's profile of one placement from leaking into another, which a single JVM switching between
 * placements would not. The result is the median of the per-round ratios with a bootstrap 95% interval.
 *
 * <p>Usage: {@code CallCostComparison [rounds] [transport,...] [benchmark] [placement,...]}, e.g.
 * {@code 10 NETTY pipelinedUnaryCalls NONE,BOTH}; the benchmark is a method of {@link CallCostBenchmark},
 * {@code unaryCall} by default; the placements default to all, and NONE (the baseline) is always run.
 */
public final class CallCostComparison {

    private static final String ALLOCATION = "gc.alloc.rate.norm";
    private static final int RESAMPLES = 10_000;

    private CallCostComparison() {}

    public static void main(String[] args) throws RunnerException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Transport> transports = args.length > 1
                ? Arrays.stream(args[1].split(",")).map(Transport::valueOf).toList()
                : List.of(Transport.values());
        String benchmark = args.length > 2 ? args[2] : "unaryCall";
        EnumSet<CallCostBenchmark.Placement> placements = EnumSet.of(CallCostBenchmark.Placement.NONE);
        if (args.length > 3) {
            Arrays.stream(args[3].split(","))
                    .map(CallCostBenchmark.Placement::valueOf)
                    .forEach(placements::add);
        } else {
            placements.addAll(EnumSet.allOf(CallCostBenchmark.Placement.class));
        }
        for (Transport transport : transports) {
            compare(transport, benchmark, placements.toArray(CallCostBenchmark.Placement[]::new), rounds);
        }
    }

    private static void compare(
            Transport transport, String benchmark, CallCostBenchmark.Placement[] placements, int rounds)
            throws RunnerException {
        Map<CallCostBenchmark.Placement, double[]> throughput = new EnumMap<>(CallCostBenchmark.Placement.class);
        Map<CallCostBenchmark.Placement, double[]> allocation = new EnumMap<>(CallCostBenchmark.Placement.class);
        for (CallCostBenchmark.Placement placement : placements) {
            throughput.put(placement, new double[rounds]);
            allocation.put(placement, new double[rounds]);
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < placements.length; i++) {
                // rotate the order so no placement always runs first, on a cold machine, or last
                CallCostBenchmark.Placement placement = placements[(round + i) % placements.length];
                RunResult result = runFork(transport, benchmark, placement);
                throughput.get(placement)[round] = result.getPrimaryResult().getScore();
                allocation.get(placement)[round] = secondary(result, ALLOCATION);
            }
            StringBuilder line = new StringBuilder();
            for (CallCostBenchmark.Placement placement : placements) {
                line.append(String.format(
                        Locale.ROOT,
                        " %s %.0f",
                        placement.name().toLowerCase(Locale.ROOT),
                        throughput.get(placement)[round]));
            }
            System.out.printf(
                    Locale.ROOT, "%s %s round %d/%d (ops/s):%s%n", transport, benchmark, round + 1, rounds, line);
        }
        report(transport + " " + benchmark, rounds, placements, throughput, allocation);
    }

    private static RunResult runFork(Transport transport, String benchmark, CallCostBenchmark.Placement placement)
            throws RunnerException {
        Options options = new OptionsBuilder()
                .include(CallCostBenchmark.class.getName() + "." + benchmark + "$")
                .param("transport", transport.name())
                .param("bridge", placement.name())
                .forks(1)
                // the transports' code is still being compiled for 5 to 8 s on 2 cores: a shorter warm-up measures
                // the JIT's progress rather than the bridge
                .warmupIterations(8)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .build();
        return new Runner(options).runSingle();
    }

    private static double secondary(RunResult result, String label) {
        Map<String, Result> secondary = result.getSecondaryResults();
        // JMH before 1.37 prefixed secondary labels with a middle dot
        Result value = secondary.containsKey(label) ? secondary.get(label) : secondary.get("\u00b7" + label);
        return value == null ? Double.NaN : value.getScore();
    }

    private static void report(
            String what,
            int rounds,
            CallCostBenchmark.Placement[] placements,
            Map<CallCostBenchmark.Placement, double[]> throughput,
            Map<CallCostBenchmark.Placement, double[]> allocation) {
        double[] baseline = throughput.get(CallCostBenchmark.Placement.NONE);
        double[] baselineAllocation = allocation.get(CallCostBenchmark.Placement.NONE);
        System.out.printf(
                Locale.ROOT,
                "%n%s, %d paired rounds; baseline (no bridge) median %.0f ops/s, %.0f B/call%n",
                what,
                rounds,
                median(baseline),
                median(baselineAllocation));
        System.out.println(
                "placement  throughput vs baseline (median, 95% CI)   extra bytes per call (median, 95% CI)");
        for (CallCostBenchmark.Placement placement : placements) {
            if (placement == CallCostBenchmark.Placement.NONE) {
                continue;
            }
            double[] ratios = new double[rounds];
            double[] extraBytes = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = throughput.get(placement)[round] / baseline[round];
                extraBytes[round] = allocation.get(placement)[round] - baselineAllocation[round];
            }
            double[] ratioInterval = bootstrapMedianInterval(ratios);
            double[] bytesInterval = bootstrapMedianInterval(extraBytes);
            System.out.printf(
                    Locale.ROOT,
                    "%-9s  %+6.1f%% [%+6.1f%%, %+6.1f%%]                  %+6.0f B [%+6.0f, %+6.0f]%n",
                    placement.name().toLowerCase(Locale.ROOT),
                    (median(ratios) - 1) * 100,
                    (ratioInterval[0] - 1) * 100,
                    (ratioInterval[1] - 1) * 100,
                    median(extraBytes),
                    bytesInterval[0],
                    bytesInterval[1]);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Percentile bootstrap of the median; a fixed seed so the same rounds always give the same interval. */
    static double[] bootstrapMedianInterval(double[] values) {
        SplittableRandom random = new SplittableRandom(42);
        List<Double> medians = new ArrayList<>(RESAMPLES);
        double[] sample = new double[values.length];
        for (int resample = 0; resample < RESAMPLES; resample++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = values[random.nextInt(values.length)];
            }
            medians.add(median(sample));
        }
        medians.sort(Double::compare);
        return new double[] {medians.get((int) (RESAMPLES * 0.025)), medians.get((int) (RESAMPLES * 0.975) - 1)};
    }
}
