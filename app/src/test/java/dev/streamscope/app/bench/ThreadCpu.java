package dev.streamscope.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * CPU time the benchmark thread spent per operation: on a shared machine whose cores are oversubscribed, the wall
 * time per operation mostly measures the wait for a core, while the CPU time still measures the work.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long nanos;
    private long operations;
    private long started;

    void before() {
        started = THREADS.getCurrentThreadCpuTime();
    }

    void after() {
        nanos += THREADS.getCurrentThreadCpuTime() - started;
        operations++;
    }

    /** Prints the CPU time per operation since the last report, and starts afresh. */
    void report(String what) {
        if (operations > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "%n%s: %.1f µs CPU per operation over %d operations%n",
                    what,
                    nanos / 1000.0 / operations,
                    operations);
        }
        nanos = 0;
        operations = 0;
    }
}
