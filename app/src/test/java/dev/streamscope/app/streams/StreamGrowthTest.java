package dev.streamscope.app.streams;

import static dev.streamscope.app.streams.SocketSnapshots.START;
import static dev.streamscope.app.streams.SocketSnapshots.serverSocket;
import static dev.streamscope.app.streams.SocketSnapshots.snapshotAtMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Synthetic series of open streams on one socket, one poll a second, against a 60 s trend window: deterministic, no
 * timing. StreamGrowthServerTest checks the same rule against a real server.
 */
class StreamGrowthTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    @Test
    void sustainedClimbNextToHealthyCallsIsFlaggedWithItsRate() {
        Random noise = new Random(1);
        // 20 leaked a second, plus 0..9 short healthy calls in flight at each poll
        List<List<GrowingConnection>> polls =
                feed(new StreamGrowth(WINDOW), 120, second -> 20 * second + noise.nextInt(10));

        assertThat(polls.subList(0, 47)).allSatisfy(found -> assertThat(found).isEmpty());
        GrowingConnection last = polls.get(119).get(0);
        assertThat(last.perMinute()).isCloseTo(1_200, within(30.0));
        assertThat(last.openAtStart()).isBetween(20L * 59, 20L * 61 + 9);
        assertThat(last.openAtEnd()).isBetween(20L * 119, 20L * 119 + 9);
        assertThat(last.forSeconds()).isGreaterThan(100);
        assertThat(last.side()).isEqualTo("server");
        assertThat(last.socket()).isEqualTo("127.0.0.1:6000 → 127.0.0.1:5001");
        assertThat(last.reachesLimitAt()).isNull();
        assertThat(last.summary()).startsWith("+1,2").contains("/min for ");
    }

    @Test
    void steadyConcurrencyIsNotFlagged() {
        Random noise = new Random(2);
        // 20 streams a second each living 2 s: about 40 open, give or take what a poll catches
        List<List<GrowingConnection>> polls = feed(new StreamGrowth(WINDOW), 300, second -> 30 + noise.nextInt(21));

        assertThat(polls).allSatisfy(found -> assertThat(found).isEmpty());
    }

    @Test
    void rampToSteadyConcurrencyIsNotFlagged() {
        // the traffic starts: open streams climb to 40 over 2 s, then stay there
        List<List<GrowingConnection>> polls =
                feed(new StreamGrowth(WINDOW), 200, second -> Math.min(40, 20 * second) + second % 3);

        assertThat(polls).allSatisfy(found -> assertThat(found).isEmpty());
    }

    @Test
    void noiseIsNotFlagged() {
        Random noise = new Random(3);
        List<List<GrowingConnection>> polls = feed(new StreamGrowth(WINDOW), 300, second -> noise.nextInt(200));

        assertThat(polls).allSatisfy(found -> assertThat(found).isEmpty());
    }

    @Test
    void singleStepThatStaysIsNotFlaggedWhereverItFallsInTheWindow() {
        Random noise = new Random(4);
        // a burst of 500 streams at 90 s that stays open: every window position from before to after the step
        List<List<GrowingConnection>> polls =
                feed(new StreamGrowth(WINDOW), 200, second -> (second >= 90 ? 500 : 0) + 40 + noise.nextInt(5));

        assertThat(polls).allSatisfy(found -> assertThat(found).isEmpty());
    }

    @Test
    void climbThatStopsIsNoLongerFlagged() {
        List<List<GrowingConnection>> polls = feed(new StreamGrowth(WINDOW), 200, second -> 5 * Math.min(second, 100));

        assertThat(polls.get(99)).hasSize(1);
        assertThat(polls.get(199)).isEmpty();
    }

    @Test
    void aClimbAfterQuietTimeSaysWhereItBeganBesideHowLongTheWindowsShowedIt() {
        Random noise = new Random(5);
        // 40 open, give or take, for two minutes; then 20 leaked a second
        List<List<GrowingConnection>> polls = feed(
                new StreamGrowth(WINDOW),
                240,
                second -> 38 + noise.nextInt(5) + (second < 120 ? 0 : 20 * (second - 120)));

        GrowingConnection last = polls.get(239).get(0);
        // the first window to show the climb still held some of the quiet time before it
        assertThat(last.forSeconds()).isGreaterThan(119);
        assertThat(last.climbingSince()).isBetween(START.plusSeconds(117), START.plusSeconds(123));
    }

    @Test
    void slowClimbBelowTheMinimumGrowthIsNotFlagged() {
        // 5 streams a minute: below MIN_GROWTH per window, so a few long-lived streams starting up do not count
        List<List<GrowingConnection>> polls = feed(new StreamGrowth(WINDOW), 200, second -> second / 12);

        assertThat(polls).allSatisfy(found -> assertThat(found).isEmpty());
    }

    @Test
    void limitGivesTheTimeTheClimbPassesIt() {
        StreamGrowth growth = new StreamGrowth(WINDOW, 10_000, 100);
        List<List<GrowingConnection>> polls = feed(growth, 100, second -> 100 * second);

        // 9,900 open at 99 s, 100 more a second: the limit is passed at 100 s
        assertThat(polls.get(99).get(0).reachesLimitAt())
                .isCloseTo(START.plusSeconds(100), within(Duration.ofMillis(50)));
    }

    @Test
    void vanishedSocketsAreForgottenAndPollsStayBounded() {
        StreamGrowth growth = new StreamGrowth(Duration.ofHours(1));
        for (int second = 0; second < 10_000; second++) {
            growth.update(snapshotAtMillis(
                    second * 1000L, serverSocket(1, second, 0, 0, null), serverSocket(2, 1, 0, 0, null)));
        }
        assertThat(growth.trackedSockets()).isEqualTo(2);
        // an hour of polls a second in POINTS_PER_SOCKET slots still sees the climb
        assertThat(growth.update(snapshotAtMillis(10_000_000L, serverSocket(1, 10_000, 0, 0, null))))
                .singleElement()
                .satisfies(found -> assertThat(found.perMinute()).isCloseTo(60, within(1.0)));
        assertThat(growth.trackedSockets()).isEqualTo(1);
    }

    @Test
    void countersThatGoBackStartTheSocketAfresh() {
        StreamGrowth growth = new StreamGrowth(WINDOW);
        feed(growth, 100, second -> 20 * second);
        // the peer reused socket id 1 for a new connection: its history says nothing about this one
        assertThat(growth.update(snapshotAtMillis(100_000, serverSocket(1, 3, 0, 0, null))))
                .isEmpty();
    }

    /** One poll a second for {@code seconds}; socket 1's open count at second s is {@code open(s)}. */
    private static List<List<GrowingConnection>> feed(StreamGrowth growth, int seconds, LongUnaryOperator open) {
        List<List<GrowingConnection>> polls = new ArrayList<>();
        long ended = 0;
        long lastOpen = 0;
        for (int second = 0; second < seconds; second++) {
            long now = open.applyAsLong(second);
            // streams ended since the last poll, so that started grows: 50 healthy calls a second plus any drop
            ended += 50 + Math.max(0, lastOpen - now);
            lastOpen = now;
            polls.add(growth.update(snapshotAtMillis(second * 1000L, serverSocket(1, ended + now, ended, 0, null))));
        }
        return polls;
    }
}
