package dev.streamscope.app.bench;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time per channelz RPC over one benchmark iteration, split between the target's threads (named with a prefix)
 * and every other thread (the walker's: its event loop, the benchmark thread). Threads that end during the iteration
 * take their time with them, so the figures are lower bounds; grpc-java's threads live for the whole run.
 */
final class CpuPerCall {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final String targetPrefix;
    private Map<Long, Long> startCpu = Map.of();
    private long rpcs;
    private long walks;

    CpuPerCall(String targetPrefix) {
        this.targetPrefix = targetPrefix;
    }

    void start() {
        startCpu = cpuByThread();
        rpcs = 0;
        walks = 0;
    }

    ChannelzSnapshot count(ChannelzSnapshot snapshot) {
        rpcs += snapshot.remoteCalls();
        walks++;
        return snapshot;
    }

    String report() {
        long target = 0;
        long walker = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            long spent = now - startCpu.getOrDefault(info.getThreadId(), 0L);
            if (info.getThreadName().startsWith(targetPrefix)) {
                target += spent;
            } else {
                walker += spent;
            }
        }
        if (rpcs == 0) {
            return "cpu: no walks this iteration";
        }
        return String.format(
                Locale.ROOT,
                "cpu per RPC over %d walks, %d RPCs: walker side %.1f µs, target side %.1f µs",
                walks,
                rpcs,
                walker / 1_000.0 / rpcs,
                target / 1_000.0 / rpcs);
    }

    private Map<Long, Long> cpuByThread() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long time = threads.getThreadCpuTime(id);
            if (time >= 0) {
                cpu.put(id, time);
            }
        }
        return cpu;
    }
}
