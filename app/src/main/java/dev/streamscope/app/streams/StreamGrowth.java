package dev.streamscope.app.streams;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.SocketData;
import dev.streamscope.app.channelz.SocketNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds connections whose open streams (started − succeeded − failed) climb steadily, from channelz socket counters of
 * any server. Fed every successful snapshot in time order; not thread-safe (one session's poller owns it).
 *
 * <p>The rule, over the polls of the last trend window W on one socket, all of which must hold:
 *
 * <ol>
 *   <li>the polls cover at least {@link #MIN_COVERAGE} of W, with at least {@link #MIN_POINTS} of them: no verdict from
 *       a glimpse;
 *   <li>a least-squares line through (time, open) rises by at least {@link #MIN_GROWTH} streams over the polls, and
 *       explains at least {@link #MIN_R2} of their variance: steady concurrency (40 open, streams that do end) is
 *       flat, and noise around it fits no line;
 *   <li>split into {@link #SEGMENTS} equal spans of time, the mean open count rises from one span to the next at least
 *       {@link #MIN_RISING_STEPS} of {@code SEGMENTS − 1} times, each by a quarter of the fitted rise per span: a
 *       single step (a burst of 500 that stays) rises once or twice only and, centred, fits a line with R² ≤ 0.75.
 * </ol>
 *
 * <p>Memory is bounded: at most {@code maxSockets} sockets, each with at most {@link #POINTS_PER_SOCKET} polls spaced
 * at least W / {@link #SPACING_DIVISOR} apart, none older than W; sockets missing from a snapshot are forgotten.
 */
public final class StreamGrowth {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    /** No stream limit known: {@link GrowingConnection#reachesLimitAt()} stays null. */
    public static final long NO_LIMIT = 0;

    static final double MIN_COVERAGE = 0.8;
    static final int MIN_POINTS = 8;
    static final long MIN_GROWTH = 10;
    static final double MIN_R2 = 0.8;
    static final int SEGMENTS = 5;
    static final int MIN_RISING_STEPS = 3;
    static final int POINTS_PER_SOCKET = 64;
    static final int SPACING_DIVISOR = 48;

    private final long windowMillis;
    private final long limit;
    private final int maxSockets;
    private final Map<Long, SocketTrend> trends = new HashMap<>();
    private final double[] x = new double[POINTS_PER_SOCKET];
    private final double[] y = new double[POINTS_PER_SOCKET];

    public StreamGrowth(Duration window) {
        this(window, NO_LIMIT, ChannelzStreamBounds.DEFAULT_MAX_SOCKETS);
    }

    /**
     * @param window the trend window W
     * @param limit open streams at which a connection is in trouble (e.g. the server's max concurrent streams), or
     *     {@link #NO_LIMIT}
     * @param maxSockets the most sockets followed; the rest are not judged
     */
    public StreamGrowth(Duration window, long limit, int maxSockets) {
        if (window.toMillis() < 1_000) {
            throw new IllegalArgumentException("the trend window must be at least 1 s, was " + window);
        }
        if (limit < 0 || maxSockets < 1) {
            throw new IllegalArgumentException("need limit >= 0 and maxSockets >= 1");
        }
        this.windowMillis = window.toMillis();
        this.limit = limit;
        this.maxSockets = maxSockets;
    }

    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    /** Sockets followed right now (for tests and the memory budget). */
    public int trackedSockets() {
        return trends.size();
    }

    /** Takes the next snapshot and returns the connections growing now, fastest first. */
    public List<GrowingConnection> update(ChannelzSnapshot snapshot) {
        long now = snapshot.takenAt().toEpochMilli();
        Set<Long> seen = new HashSet<>();
        List<GrowingConnection> growing = new ArrayList<>();
        for (SocketNode socket : ConnectionSockets.of(snapshot)) {
            if (seen.size() >= maxSockets) {
                break;
            }
            seen.add(socket.id());
            SocketTrend trend = trends.computeIfAbsent(socket.id(), id -> new SocketTrend());
            SocketData data = socket.data();
            if (!trend.record(now, data.streamsStarted(), data.openStreams(), windowMillis)) {
                continue;
            }
            GrowingConnection found = judge(socket, trend, now);
            if (found != null) {
                growing.add(found);
            }
        }
        trends.keySet().retainAll(seen);
        growing.sort(Comparator.comparingDouble(GrowingConnection::perMinute)
                .reversed()
                .thenComparingLong(GrowingConnection::socketId));
        return List.copyOf(growing);
    }

    private GrowingConnection judge(SocketNode socket, SocketTrend trend, long now) {
        int count = trend.size;
        long first = trend.time(0);
        long span = now - first;
        if (count < MIN_POINTS || span < MIN_COVERAGE * windowMillis) {
            trend.growingSince = -1;
            return null;
        }
        for (int i = 0; i < count; i++) {
            x[i] = (trend.time(i) - first) / 1000.0;
            y[i] = trend.open(i);
        }
        LinearFit fit = LinearFit.of(x, y, 0, count);
        double rise = fit.slope() * span / 1000.0;
        if (rise < MIN_GROWTH || fit.r2() < MIN_R2 || !risesStepByStep(x, y, count, span / 1000.0, rise)) {
            trend.growingSince = -1;
            return null;
        }
        if (trend.growingSince < 0) {
            trend.growingSince = first;
            trend.climbingSince = trend.time(lastNearLowest(trend, count, rise / SEGMENTS / 4));
        }
        long openAtEnd = trend.open(count - 1);
        Instant reachesLimitAt = null;
        if (limit != NO_LIMIT && openAtEnd < limit) {
            reachesLimitAt = Instant.ofEpochMilli(now + Math.round((limit - openAtEnd) / fit.slope() * 1000));
        }
        return new GrowingConnection(
                socket.id(),
                ConnectionSockets.text(socket),
                socket.role() == SocketNode.Role.CLIENT ? "client" : "server",
                trend.open(0),
                openAtEnd,
                fit.slope() * 60,
                (now - trend.growingSince) / 1000,
                fit.r2(),
                reachesLimitAt,
                Instant.ofEpochMilli(trend.climbingSince));
    }

    /**
     * The last poll at which the open count was within {@code noise} of its lowest: the climb has left it behind
     * since. The noise is rule 3's smallest step that counts, so the ups and downs of healthy calls before a climb
     * do not pass for its start.
     */
    private static int lastNearLowest(SocketTrend trend, int count, double noise) {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            lowest = Math.min(lowest, trend.open(i));
        }
        int last = 0;
        for (int i = 0; i < count; i++) {
            if (trend.open(i) <= lowest + noise) {
                last = i;
            }
        }
        return last;
    }

    /**
     * The same three rules over any series of (seconds, open) points, oldest first, e.g. a fleet instance's calls in
     * flight per method read from Prometheus.
     *
     * @return the rise per minute when the points climb steadily over the window, else NaN
     */
    public static double steadyRisePerMinute(double[] seconds, double[] open, int count, Duration window) {
        if (count < MIN_POINTS) {
            return Double.NaN;
        }
        double span = seconds[count - 1] - seconds[0];
        if (span <= 0 || span < MIN_COVERAGE * window.toMillis() / 1000.0) {
            return Double.NaN;
        }
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = seconds[i] - seconds[0];
        }
        LinearFit fit = LinearFit.of(x, open, 0, count);
        double rise = fit.slope() * span;
        if (rise < MIN_GROWTH || fit.r2() < MIN_R2 || !risesStepByStep(x, open, count, span, rise)) {
            return Double.NaN;
        }
        return fit.slope() * 60;
    }

    /** Rule 3: the mean of each span of time against the one before, over the points now in x and y. */
    private static boolean risesStepByStep(double[] x, double[] y, int count, double spanSeconds, double rise) {
        double[] sum = new double[SEGMENTS];
        int[] points = new int[SEGMENTS];
        for (int i = 0; i < count; i++) {
            int segment = Math.min(SEGMENTS - 1, (int) (x[i] / spanSeconds * SEGMENTS));
            sum[segment] += y[i];
            points[segment]++;
        }
        double enough = rise / SEGMENTS / 4;
        int rising = 0;
        for (int segment = 1; segment < SEGMENTS; segment++) {
            if (points[segment] > 0
                    && points[segment - 1] > 0
                    && sum[segment] / points[segment] - sum[segment - 1] / points[segment - 1] >= enough) {
                rising++;
            }
        }
        return rising >= MIN_RISING_STEPS;
    }

    /** One socket's polls within the window, oldest first, in a fixed ring of primitives. */
    private static final class SocketTrend {
        private final long[] times = new long[POINTS_PER_SOCKET];
        private final long[] opens = new long[POINTS_PER_SOCKET];
        private int head;
        private int size;
        private long lastStarted = -1;
        private long lastAppended;
        private long growingSince = -1;
        private long climbingSince = -1;

        /** Adds a poll; false when it was older than the last one, so there is nothing new to judge. */
        boolean record(long now, long started, long open, long windowMillis) {
            if (started < lastStarted) {
                // counters only grow: the id now names another connection
                size = 0;
                growingSince = -1;
            }
            lastStarted = started;
            if (size > 0 && now <= time(size - 1)) {
                return false;
            }
            while (size > 0 && time(0) < now - windowMillis) {
                head = (head + 1) % POINTS_PER_SOCKET;
                size--;
            }
            if (size > 1 && now - lastAppended < windowMillis / SPACING_DIVISOR) {
                // too close to the last kept poll: the newest poll replaces it, so the window ends now
                times[(head + size - 1) % POINTS_PER_SOCKET] = now;
                opens[(head + size - 1) % POINTS_PER_SOCKET] = open;
                return true;
            }
            lastAppended = now;
            if (size == POINTS_PER_SOCKET) {
                head = (head + 1) % POINTS_PER_SOCKET;
                size--;
            }
            times[(head + size) % POINTS_PER_SOCKET] = now;
            opens[(head + size) % POINTS_PER_SOCKET] = open;
            size++;
            return true;
        }

        long time(int index) {
            return times[(head + index) % POINTS_PER_SOCKET];
        }

        long open(int index) {
            return opens[(head + index) % POINTS_PER_SOCKET];
        }
    }
}
