package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The estimated counts are unbiased: over many random schedules (sites opening at random rates, some leaking, some
 * closing after random lifetimes, rates that change halfway), the estimates summed over all runs land within a few
 * percent of the true counts, for the leaking sites and for the others alike. (Open streams of the last tenth of a
 * second before a read are in the remainder until their method's next sample: a short-lived site's estimate reads a
 * little low, never high.) Sampling at its defaults; the streams
 * are the bridge's real server-call nodes (one site per client host) on a clock the test moves a millisecond at a
 * time, so a minute of traffic takes no minute.
 */
class SiteEstimateTest {
    private static final int RUNS = 120;
    private static final long SECOND = 1_000;
    private static final long RUN_MILLIS = 40 * SECOND;
    private static final long LIFETIME = 10 * SECOND;

    @Test
    void estimatesSummedOverRandomSchedulesAreWithinAFewPercentOfTheTruth() {
        Random random = new Random(21);
        Totals leaking = new Totals();
        Totals closing = new Totals();
        for (int run = 0; run < RUNS; run++) {
            run(random, leaking, closing);
        }

        assertThat(leaking.trueOverdue).isGreaterThan(100_000);
        assertThat(closing.trueOverdue).isGreaterThan(100_000);
        // seed 21: within 0.3 %, 0.4 %, 0.5 % and 0.2 %; one run's site alone is off by several percent
        assertThat(relativeError(leaking.estimatedOpen, leaking.trueOpen))
                .as("leaking, open")
                .isLessThan(0.02);
        assertThat(relativeError(leaking.estimatedOverdue, leaking.trueOverdue))
                .as("leaking, overdue")
                .isLessThan(0.02);
        assertThat(relativeError(closing.estimatedOpen, closing.trueOpen))
                .as("closing, open")
                .isLessThan(0.02);
        assertThat(relativeError(closing.estimatedOverdue, closing.trueOverdue))
                .as("closing, overdue")
                .isLessThan(0.02);
    }

    private static double relativeError(long estimate, long truth) {
        return Math.abs(estimate - truth) / (double) truth;
    }

    /** One schedule: 2 to 5 client hosts on one method, each with its rate and fate, read once at the end. */
    private static void run(Random random, Totals leaking, Totals closing) {
        long[] now = {1_700_000_000_000L};
        long start = now[0];
        OpenStreamRegistry registry = new OpenStreamRegistry(200_000, () -> now[0]);
        int hosts = 2 + random.nextInt(4);
        double[] perMilli = new double[hosts];
        double[] laterPerMilli = new double[hosts];
        long[] meanLifetime = new long[hosts]; // 0: leaks
        for (int host = 0; host < hosts; host++) {
            perMilli[host] = (2 + random.nextInt(200)) / 1000.0;
            laterPerMilli[host] = random.nextBoolean() ? perMilli[host] : (2 + random.nextInt(200)) / 1000.0;
            meanLifetime[host] = host == 0 || random.nextInt(3) == 0 ? 0 : 100 + random.nextInt(30_000);
        }
        PriorityQueue<Closing> closings = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
        List<List<TrackedServerCall<String, String>>> openByHost = new ArrayList<>();
        for (int host = 0; host < hosts; host++) {
            openByHost.add(new ArrayList<>());
        }
        int opened = 0;
        for (long t = 0; t < RUN_MILLIS; t++) {
            now[0] = start + t;
            // in a random order within the millisecond, as calls from several lines would arrive
            int first = random.nextInt(hosts);
            for (int next = 0; next < hosts; next++) {
                int host = (first + next) % hosts;
                double rate = t < RUN_MILLIS / 2 ? perMilli[host] : laterPerMilli[host];
                if (random.nextDouble() < rate) {
                    TrackedServerCall<String, String> call = new TrackedServerCall<>(
                            new IdleServerCall(ProbeService.CHAT, opened++, "10.0.0." + host), registry);
                    registry.open(call);
                    if (meanLifetime[host] > 0) {
                        long lifetime = (long) (-Math.log(1 - random.nextDouble()) * meanLifetime[host]);
                        closings.add(new Closing(now[0] + lifetime, call));
                    }
                }
            }
            while (!closings.isEmpty() && closings.peek().at <= now[0]) {
                registry.end(closings.poll().call);
            }
        }
        // the truth, per host, from the registry's own rows (every open stream, one by one)
        long[] trueOpen = new long[hosts];
        long[] trueOverdue = new long[hosts];
        for (StreamRow row : registry.oldest(200_000)) {
            int host = Integer.parseInt(row.getPeer().replaceAll(".*10\\.0\\.0\\.(\\d+):.*", "$1"));
            trueOpen[host]++;
            trueOverdue[host] += row.getAgeMillis() >= LIFETIME ? 1 : 0;
        }
        long[] estimatedOpen = new long[hosts];
        long[] estimatedOverdue = new long[hosts];
        for (SiteRow row : registry.sites(LIFETIME, null, null, 1_000).getSites()) {
            if (row.getKind() == SiteKind.SERVER_METHOD) {
                int host = Integer.parseInt(row.getSite().substring("remote client 10.0.0.".length()));
                estimatedOpen[host] += row.getOpenEstimate();
                estimatedOverdue[host] += row.getOverdueEstimate();
            }
        }
        for (int host = 0; host < hosts; host++) {
            Totals totals = meanLifetime[host] == 0 ? leaking : closing;
            totals.trueOpen += trueOpen[host];
            totals.trueOverdue += trueOverdue[host];
            totals.estimatedOpen += estimatedOpen[host];
            totals.estimatedOverdue += estimatedOverdue[host];
        }
    }

    private static final class Totals {
        long trueOpen;
        long trueOverdue;
        long estimatedOpen;
        long estimatedOverdue;
    }

    private static final class Closing {
        final long at;
        final TrackedServerCall<String, String> call;

        Closing(long at, TrackedServerCall<String, String> call) {
            this.at = at;
            this.call = call;
        }
    }
}
