package dev.streamscope.app.threads;

import java.util.Map;
import java.util.Objects;

/**
 * One pool in one sample.
 *
 * @param byState how many of its threads are in each state
 * @param busy how many are not waiting for work (see {@link ThreadFrames#isIdle})
 * @param busyLastMinute the share of its threads busy over the samples of the last minute, 0 to 1
 */
public record ThreadGroupSummary(
        String pool, PoolKind kind, int threads, Map<Thread.State, Integer> byState, int busy, double busyLastMinute) {

    public ThreadGroupSummary {
        Objects.requireNonNull(pool, "pool");
        byState = Map.copyOf(byState);
    }
}
