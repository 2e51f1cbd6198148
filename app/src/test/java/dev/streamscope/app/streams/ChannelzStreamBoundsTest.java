package dev.streamscope.app.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.channelz.ChannelNode;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.EntityKey;
import dev.streamscope.app.channelz.ServerNode;
import dev.streamscope.app.channelz.SocketData;
import dev.streamscope.app.channelz.SocketNode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.OverdueCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built snapshots for the edge cases; ChannelzStreamBoundsServerTest checks the same against a real server. */
class ChannelzStreamBoundsTest {

    private static final LifetimePolicy TEN_SECONDS = LifetimePolicy.parse(List.of("10s"));
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void noPollOldEnoughGivesZeroLowerBound() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        // the last stream was created just now: the timestamp rule does not apply either
        ChannelzStreamAges ages = bounds.update(snapshot(0, server(socket(1, 5, 0, 0, START))), TEN_SECONDS);

        assertThat(ages.open()).isEqualTo(5);
        assertThat(ages.overdue()).isEqualTo(new OverdueCount(0, 5));
        assertThat(ages.sockets()).singleElement().satisfies(socket -> {
            assertThat(socket.olderAtLeast()).isZero();
            assertThat(socket.olderAtMost()).isEqualTo(5);
            assertThat(socket.allOld()).isFalse();
        });
    }

    @Test
    void streamsOpenAtAnOldEnoughPollLessThoseEndedSinceAreOld() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        Instant recent = START.plusSeconds(11);
        bounds.update(snapshot(0, server(socket(1, 5, 0, 0, START))), TEN_SECONDS);
        bounds.update(snapshot(5, server(socket(1, 7, 1, 0, recent))), TEN_SECONDS);
        // at 12 s the poll at 0 s is old enough: 5 were open then, 2 + 1 ended since, so at least 2 of 7 are old
        ChannelzStreamAges ages = bounds.update(snapshot(12, server(socket(1, 9, 2, 1, recent))), TEN_SECONDS);

        assertThat(ages.overdue()).isEqualTo(new OverdueCount(2, 6));
        assertThat(ages.sockets().get(0).allOld()).isFalse();
    }

    @Test
    void noStreamCreatedWithinTheLifetimeMakesEveryOpenStreamOld() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        // first poll ever, but the last stream came 30 s before it
        ChannelzStreamAges ages = bounds.update(snapshot(30, server(socket(1, 4, 1, 0, START))), TEN_SECONDS);

        assertThat(ages.overdue()).isEqualTo(OverdueCount.exactly(3));
        assertThat(ages.sockets().get(0).allOld()).isTrue();
        assertThat(ages.summary())
                .isEqualTo("3 of 3 open streams older than 10 s (derived from channelz socket counters)");
    }

    @Test
    void clientSocketsUseTheLocalTimestamp() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        SocketNode client = new SocketNode(
                EntityKey.of(EntityKey.Kind.SOCKET, 7),
                SocketNode.Role.CLIENT,
                "127.0.0.1:5000",
                "127.0.0.1:6000",
                "",
                new SocketData(3, 0, 0, 0, 0, 0, START, START.plusSeconds(29), null, null, null, null, List.of()),
                null);
        ChannelNode channel = new ChannelNode(
                EntityKey.of(EntityKey.Kind.CHANNEL, 1),
                null,
                List.of(),
                List.of(new ChannelNode(
                        EntityKey.of(EntityKey.Kind.SUBCHANNEL, 2), null, List.of(), List.of(), List.of(client))),
                List.of());
        ChannelzSnapshot snapshot =
                ChannelzSnapshot.of(START.plusSeconds(30), Duration.ofMillis(5), List.of(channel), List.of(), 0, 1);

        ChannelzStreamAges ages = bounds.update(snapshot, TEN_SECONDS);

        assertThat(ages.overdue()).isEqualTo(OverdueCount.exactly(3));
        assertThat(ages.sockets().get(0).role()).isEqualTo(SocketNode.Role.CLIENT);
    }

    @Test
    void anEarlierPollCountsOnlyOnceItsWholeWalkIsOldEnough() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        Instant recent = START.plusSeconds(10);
        // a slow walk: it started at 0 s and ended at 3 s, so streams it counted may be from 2.9 s
        bounds.update(
                ChannelzSnapshot.of(
                        START, Duration.ofSeconds(3), List.of(), List.of(server(socket(1, 5, 0, 0, START))), 0, 1),
                TEN_SECONDS);
        assertThat(bounds.update(snapshot(12, server(socket(1, 5, 0, 0, recent))), TEN_SECONDS)
                        .overdue()
                        .atLeast())
                .isZero();
        assertThat(bounds.update(snapshot(13, server(socket(1, 5, 0, 0, recent))), TEN_SECONDS)
                        .overdue()
                        .atLeast())
                .isEqualTo(5);
    }

    @Test
    void vanishedSocketsAreForgotten() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        bounds.update(snapshot(0, server(socket(1, 5, 0, 0, START), socket(2, 1, 0, 0, START))), TEN_SECONDS);
        assertThat(bounds.trackedSockets()).isEqualTo(2);

        bounds.update(snapshot(1, server(socket(2, 1, 0, 0, START))), TEN_SECONDS);
        assertThat(bounds.trackedSockets()).isEqualTo(1);

        // socket 1 comes back (say, an id the peer reused): no history, so no first-rule bound
        ChannelzStreamAges ages =
                bounds.update(snapshot(12, server(socket(1, 5, 0, 0, START.plusSeconds(11)))), TEN_SECONDS);
        assertThat(ages.overdue().atLeast()).isZero();
    }

    @Test
    void countersThatGoBackStartTheHistoryAfresh() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        Instant recent = START.plusSeconds(11);
        bounds.update(snapshot(0, server(socket(1, 50, 0, 0, START))), TEN_SECONDS);
        ChannelzStreamAges ages = bounds.update(snapshot(12, server(socket(1, 4, 0, 0, recent))), TEN_SECONDS);
        assertThat(ages.overdue()).isEqualTo(new OverdueCount(0, 4));
    }

    @Test
    void socketsBeyondTheCapCountInTheUpperBoundOnly() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds(1);
        ChannelzStreamAges ages =
                bounds.update(snapshot(30, server(socket(1, 2, 0, 0, START), socket(2, 3, 0, 0, START))), TEN_SECONDS);

        assertThat(bounds.trackedSockets()).isEqualTo(1);
        assertThat(ages.untrackedSockets()).isEqualTo(1);
        assertThat(ages.open()).isEqualTo(5);
        assertThat(ages.overdue()).isEqualTo(new OverdueCount(2, 5));
    }

    @Test
    void historyStaysBoundedOverManyPolls() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        LifetimePolicy hour = LifetimePolicy.parse(List.of("1h"));
        int maxHistory = 0;
        for (int second = 0; second < 10_000; second++) {
            // one stream that never ends; no timestamp, so only the history can tell its age
            bounds.update(snapshot(second, server(socket(1, 1, 0, 0, null))), hour);
            maxHistory = Math.max(maxHistory, bounds.historyLength(1));
        }
        ChannelzStreamAges ages = bounds.update(snapshot(10_000, server(socket(1, 1, 0, 0, null))), hour);

        assertThat(ages.overdue()).isEqualTo(OverdueCount.exactly(1));
        assertThat(maxHistory).isLessThanOrEqualTo(ChannelzStreamBounds.HISTORY_PER_SOCKET);
    }

    @Test
    void upperBoundIsTheSmallestOpenCountReadWithinTheLifetime() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        bounds.update(snapshot(0, server(socket(1, 50, 0, 0, null))), TEN_SECONDS);
        // at 3 s only 2 were open: of the 45 open at 12 s, no more than 2 can have been open since 2 s
        bounds.update(snapshot(3, server(socket(1, 52, 50, 0, null))), TEN_SECONDS);
        bounds.update(snapshot(6, server(socket(1, 90, 50, 0, null))), TEN_SECONDS);
        ChannelzStreamAges ages = bounds.update(snapshot(12, server(socket(1, 95, 50, 0, null))), TEN_SECONDS);

        assertThat(ages.overdue()).isEqualTo(new OverdueCount(0, 2));
        assertThat(ages.sockets().get(0).olderAtMost()).isEqualTo(2);
        assertThat(ages.sockets().get(0).open()).isEqualTo(45);
    }

    @Test
    void pollsFromBeforeTheLifetimeDoNotLowerTheUpperBound() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        bounds.update(snapshot(0, server(socket(1, 50, 0, 0, null))), TEN_SECONDS);
        bounds.update(snapshot(3, server(socket(1, 52, 50, 0, null))), TEN_SECONDS);
        bounds.update(snapshot(6, server(socket(1, 90, 50, 0, null))), TEN_SECONDS);
        bounds.update(snapshot(12, server(socket(1, 95, 50, 0, null))), TEN_SECONDS);
        // at 14 s the poll at 3 s is a lifetime old: a stream it missed may have started at 3.5 s and be old now
        ChannelzStreamAges ages = bounds.update(snapshot(14, server(socket(1, 95, 50, 0, null))), TEN_SECONDS);

        assertThat(ages.overdue().atMost()).isEqualTo(40);
    }

    @Test
    void pollsTooCloseToKeepStillLowerTheUpperBound() {
        ChannelzStreamBounds bounds = new ChannelzStreamBounds();
        bounds.update(snapshotAtMillis(3_000, server(socket(1, 30, 0, 0, null))), TEN_SECONDS);
        // 200 ms later, within the history's spacing (L / 16): not kept as a poll of its own, but its count is
        bounds.update(snapshotAtMillis(3_200, server(socket(1, 31, 30, 0, null))), TEN_SECONDS);
        bounds.update(snapshot(6, server(socket(1, 71, 30, 0, null))), TEN_SECONDS);
        ChannelzStreamAges ages = bounds.update(snapshot(12, server(socket(1, 76, 30, 0, null))), TEN_SECONDS);

        assertThat(ages.overdue().atMost()).isEqualTo(1);
    }

    @Test
    void perMethodLifetimesAreSaidToBeIgnored() {
        LifetimePolicy policy = LifetimePolicy.parse(List.of("10s", "/a.S/Watch=1h"));
        ChannelzStreamAges ages =
                new ChannelzStreamBounds().update(snapshot(30, server(socket(1, 1, 0, 0, START))), policy);

        assertThat(ages.perMethodLifetimesIgnored()).isTrue();
        assertThat(ages.lifetime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ages.summary()).contains("per-method lifetimes do not apply");
    }

    private static ChannelzSnapshot snapshot(long secondsAfterStart, ServerNode server) {
        return snapshotAtMillis(secondsAfterStart * 1000, server);
    }

    private static ChannelzSnapshot snapshotAtMillis(long millisAfterStart, ServerNode server) {
        return ChannelzSnapshot.of(
                START.plusMillis(millisAfterStart), Duration.ofMillis(10), List.of(), List.of(server), 0, 1);
    }

    private static ServerNode server(SocketNode... sockets) {
        return new ServerNode(EntityKey.of(EntityKey.Kind.SERVER, 100), null, List.of(), List.of(sockets));
    }

    private static SocketNode socket(long id, long started, long succeeded, long failed, Instant lastRemoteCreated) {
        return SocketSnapshots.serverSocket(id, started, succeeded, failed, lastRemoteCreated);
    }
}
