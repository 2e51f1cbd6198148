package dev.streamscope.app.jmx;

/**
 * The target process's CPU load between two ticks, from its {@code ProcessCpuTime}: the JVM's own
 * {@code ProcessCpuLoad} costs the target about four times as much CPU to compute (in a container it reads the cgroup
 * files on every call), and is the same figure: CPU time over elapsed time times the processors available to it.
 * Confined to the poller thread.
 */
final class ProcessCpuLoad {

    private long previousCpuNanos = -1;
    private long previousReadNanos;

    /**
     * @param cpuNanos the target's {@code ProcessCpuTime}, or a negative number when it does not report it
     * @param readAtNanos when it was read, on {@link System#nanoTime()}
     * @param processors the processors available to the target
     * @return the load in [0, 1] since the previous call, or {@code NaN} on the first call or without a figure
     */
    double next(long cpuNanos, long readAtNanos, int processors) {
        double load = Double.NaN;
        long elapsed = readAtNanos - previousReadNanos;
        if (cpuNanos >= 0 && previousCpuNanos >= 0 && elapsed > 0 && processors > 0) {
            load = Math.min(1.0, Math.max(0.0, (double) (cpuNanos - previousCpuNanos) / elapsed / processors));
        }
        previousCpuNanos = cpuNanos;
        previousReadNanos = readAtNanos;
        return load;
    }
}
