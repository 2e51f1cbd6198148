package dev.streamscope.app.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads a fleet from Prometheus, for the Fleet tab and the headless fleet run alike, so the two cannot differ: one
 * HTTP client while the endpoint stays the same, one evaluator (and its sparklines) while the metric names stay, the
 * same timeouts, and for the window a refresh every {@link #REFRESH_EVERY}. Loads no JavaFX class; may be called from
 * any thread, one evaluation at a time.
 */
public final class FleetPoller implements AutoCloseable {

    public static final Duration REFRESH_EVERY = Duration.ofSeconds(15);
    /** How long to wait for Prometheus to accept a connection, in the window and headless. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long one query may take. */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final Duration trendWindow;
    private final Duration connectTimeout;
    private final Duration queryTimeout;
    private final Clock clock;
    private PrometheusClient client;
    // kept while the client and the metric names stay: it keeps the sparklines, so refreshes ask for new steps only
    private FleetEvaluator evaluator;
    private ScheduledExecutorService timer;

    /** With the default timeouts. */
    public FleetPoller(Duration trendWindow) {
        this(trendWindow, null, null);
    }

    /** A null timeout means the default ({@link #CONNECT_TIMEOUT}, {@link #QUERY_TIMEOUT}). */
    public FleetPoller(Duration trendWindow, Duration connectTimeout, Duration queryTimeout) {
        this.trendWindow = Objects.requireNonNull(trendWindow);
        this.connectTimeout = Objects.requireNonNullElse(connectTimeout, CONNECT_TIMEOUT);
        this.queryTimeout = Objects.requireNonNullElse(queryTimeout, QUERY_TIMEOUT);
        this.clock = Clock.systemUTC();
    }

    /** Over how long an instance's open streams must climb to count as growing. */
    public Duration trendWindow() {
        return trendWindow;
    }

    /** Evaluates the fleet now; blocks until Prometheus answered or a timeout passed. */
    public synchronized FleetSnapshot evaluate(PrometheusEndpoint endpoint, FleetMetrics metrics)
            throws PrometheusProblem {
        if (client == null || !client.endpoint().equals(endpoint)) {
            client = new PrometheusClient(endpoint, connectTimeout, queryTimeout);
        }
        if (evaluator == null
                || evaluator.client() != client
                || !evaluator.metrics().equals(metrics)) {
            evaluator = new FleetEvaluator(client, metrics, trendWindow, clock);
        }
        return evaluator.evaluate();
    }

    /**
     * Runs {@code refresh} every {@link #REFRESH_EVERY} on the poller's timer thread until {@link #close()}; the first
     * run is one period from now. Calling it again while it repeats changes nothing.
     */
    public synchronized void repeat(Runnable refresh) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamscope-fleet-timer");
            thread.setDaemon(true);
            return thread;
        });
        long period = REFRESH_EVERY.toMillis();
        timer.scheduleWithFixedDelay(refresh, period, period, TimeUnit.MILLISECONDS);
    }

    /** Stops repeating. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
