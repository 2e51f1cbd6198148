package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-site counts a {@code sites} read gives stay exact while the read keeps its overdue count from one read to the
 * next: streams open and end anywhere (the counted boundary stream itself too), time moves, and readers pass longer
 * and shorter lifetimes. Each read is checked against counting every open stream one by one. The streams are the
 * bridge's real server-call nodes around an idle call, on a clock the test moves (no need for real streams or waits).
 */
class SiteOverdueCountTest {
    private static final long[] LIFETIMES = {0, 5, 40, 300, 2_000, 100_000};

    private final long[] now = {1_700_000_000_000L};
    private final OpenStreamRegistry registry = new OpenStreamRegistry(100_000, () -> now[0]);
    private final List<TrackedServerCall<String, String>> open = new ArrayList<>();
    private final Random random = new Random(11);
    private int opened;
    private int heaviest;

    @Test
    void countsMatchEveryStreamCountedOneByOneThroughOpensEndsAndChangingLifetimes() {
        registry.sites().sampling(SiteSampling.defaults().withSampleEvery(1));
        for (int round = 0; round < 400; round++) {
            for (int i = random.nextInt(30); i > 0; i--) {
                openOne(random.nextInt(4));
            }
            for (int i = random.nextInt(30); i > 0 && !open.isEmpty(); i--) {
                registry.end(open.remove(random.nextInt(open.size())));
            }
            long lifetime = LIFETIMES[random.nextInt(LIFETIMES.length)];

            assertThat(read(lifetime)).isEqualTo(countOneByOne(lifetime));
        }
    }

    @Test
    void estimatesMatchTheWeightsOfTheOpenSampledStreamsAddedOneByOne() {
        // the defaults: by rate, so at 300 to 1,000 streams a second most are not sampled and samples weigh more than 1
        registry.sites().sampling(SiteSampling.defaults());
        for (int round = 0; round < 400; round++) {
            for (int i = random.nextInt(30); i > 0; i--) {
                openOne(random.nextInt(4));
            }
            for (int i = random.nextInt(30); i > 0 && !open.isEmpty(); i--) {
                registry.end(open.remove(random.nextInt(open.size())));
            }
            long lifetime = LIFETIMES[random.nextInt(LIFETIMES.length)];

            assertThat(estimates(lifetime)).isEqualTo(weighOneByOne(lifetime));
        }
        assertThat(heaviest).isGreaterThan(1);
    }

    @Test
    void aLeakOfThousandsOfStreamsAtOneSiteIsCountedPastTheStepsOneLockHoldWalks() {
        registry.sites().sampling(SiteSampling.defaults().withSampleEvery(1));
        for (int i = 0; i < 3 * SiteTally.STEPS_PER_LOCK + 7; i++) {
            openOne(0);
        }
        // The boundary in the middle: neither end reaches it within one lock hold.
        long middle = now[0] - open.get(open.size() / 2).startEpochMillis();

        assertThat(read(middle)).isEqualTo(countOneByOne(middle));
        registry.end(open.remove(open.size() / 2));
        registry.end(open.remove(0));
        now[0] += 100;
        assertThat(read(middle)).isEqualTo(countOneByOne(middle));
        assertThat(read(0)).isEqualTo(countOneByOne(0));
        assertThat(read(middle)).isEqualTo(countOneByOne(middle));
    }

    @Test
    void endingTheLastCountedStreamLeavesTheCountTrue() {
        registry.sites().sampling(SiteSampling.defaults().withSampleEvery(1));
        for (int i = 0; i < 6; i++) {
            openOne(0);
        }
        long half = now[0] - open.get(2).startEpochMillis();
        assertThat(read(half).get("10.0.0.0").subList(0, 2)).containsExactly(6L, 3L);

        // the newest counted stream, then one before it
        registry.end(open.remove(2));
        registry.end(open.remove(1));
        assertThat(read(half).get("10.0.0.0").subList(0, 2)).containsExactly(4L, 1L);
        openOne(0);
        now[0] += 6;
        assertThat(read(half)).isEqualTo(countOneByOne(half));
    }

    /** Opens a stream from client host {@code host}, 1 to 3 ms after the previous one. */
    private void openOne(int host) {
        now[0] += 1 + random.nextInt(3);
        TrackedServerCall<String, String> call =
                new TrackedServerCall<>(new IdleServerCall(ProbeService.CHAT, opened++, "10.0.0." + host), registry);
        registry.open(call);
        open.add(call);
        heaviest = Math.max(heaviest, call.weight());
    }

    /** Per client host: open streams, overdue streams, oldest age; as the bridge reads them. */
    private Map<String, List<Long>> read(long lifetime) {
        Map<String, List<Long>> bySite = new HashMap<>();
        for (SiteRow row : registry.sites(lifetime, null, null, 100).getSites()) {
            bySite.put(
                    row.getSite().substring("remote client ".length()),
                    List.of(row.getOpenStreams(), row.getOverdueStreams(), row.getOldestAgeMillis()));
        }
        return bySite;
    }

    /** Per client host with a recorded site: estimated open and overdue streams, as the bridge reads them. */
    private Map<String, List<Long>> estimates(long lifetime) {
        Map<String, List<Long>> bySite = new HashMap<>();
        for (SiteRow row : registry.sites(lifetime, null, null, 100).getSites()) {
            if (row.getKind() == SiteKind.SERVER_METHOD) {
                bySite.put(
                        row.getSite().substring("remote client ".length()),
                        List.of(row.getOpenEstimate(), row.getOverdueEstimate()));
            }
        }
        return bySite;
    }

    private Map<String, List<Long>> weighOneByOne(long lifetime) {
        Map<String, List<Long>> bySite = new HashMap<>();
        for (TrackedServerCall<String, String> call : open) {
            if (call.site().kind != SiteKind.SERVER_METHOD) {
                continue;
            }
            String host = call.site().site.substring("remote client ".length());
            long age = now[0] - call.startEpochMillis();
            List<Long> sums = bySite.getOrDefault(host, List.of(0L, 0L));
            bySite.put(host, List.of(sums.get(0) + call.weight(), sums.get(1) + (age >= lifetime ? call.weight() : 0)));
        }
        return bySite;
    }

    private Map<String, List<Long>> countOneByOne(long lifetime) {
        Map<String, List<Long>> bySite = new HashMap<>();
        for (TrackedServerCall<String, String> call : open) {
            String host = call.site().site.substring("remote client ".length());
            long age = now[0] - call.startEpochMillis();
            List<Long> counts = bySite.getOrDefault(host, List.of(0L, 0L, 0L));
            bySite.put(
                    host,
                    List.of(
                            counts.get(0) + 1,
                            counts.get(1) + (age >= lifetime ? 1 : 0),
                            Math.max(counts.get(2), age)));
        }
        return bySite;
    }
}
