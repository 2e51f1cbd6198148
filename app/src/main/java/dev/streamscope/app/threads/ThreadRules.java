package dev.streamscope.app.threads;

import java.time.Duration;

/**
 * The thresholds of the thread rules (docs/threads.md says the same).
 *
 * @param eventLoopSamples consecutive samples an event loop must be seen outside its selector wait, in the same
 *     application frame, to be called blocked (3: at the 5 s sampling rate, blocked for at least 10 s; a loop that is
 *     busy reading and writing is caught in different frames, or in its wait, in between)
 * @param blockingCall how long a thread must stay in the same wait of a blocking unary call ({@code
 *     blockingUnaryCall}, {@code ThreadlessExecutor.waitAndDrain}) to be called stuck (10 s: far beyond a healthy
 *     unary call, short of an incident's minutes)
 * @param streamWait how long a blocking server-streaming iterator ({@code BlockingResponseStream}) must wait for one
 *     message to be called stuck (5 min: a stream may legitimately wait for a while between messages)
 * @param poolSamples consecutive samples in which every thread of an executor's pool (2 threads or more) must be busy
 *     to call it saturated (3: a healthy busy pool has an idle thread now and then)
 */
public record ThreadRules(int eventLoopSamples, Duration blockingCall, Duration streamWait, int poolSamples) {

    public static final ThreadRules DEFAULT = new ThreadRules(3, Duration.ofSeconds(10), Duration.ofMinutes(5), 3);

    /** A pool needs at least this many threads to saturate (one dedicated thread busy is no pool). */
    public static final int MIN_POOL_SIZE = 2;

    /** How often a recording samples threads while they are watched, and at most while capturing. */
    public static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);

    public ThreadRules {
        if (eventLoopSamples < 2 || poolSamples < 2) {
            throw new IllegalArgumentException("a finding needs two samples or more: never one");
        }
    }
}
