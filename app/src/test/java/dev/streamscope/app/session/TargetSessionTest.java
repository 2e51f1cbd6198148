package dev.streamscope.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.channelz.ChannelzAddress;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.histogram.HistogramRow;
import dev.streamscope.app.jmx.transport.JmxAddress;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real session against real JVMs: child processes with the JDK's JMX agent on loopback. */
class TargetSessionTest {

    private static final Duration FAST_POLL = Duration.ofMillis(200);

    private final List<TargetStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<TargetTick> ticks = new CopyOnWriteArrayList<>();
    private final List<ChannelzUpdate> channelzUpdates = new CopyOnWriteArrayList<>();
    private final SessionListener recorder = new SessionListener() {
        @Override
        public void onChannelz(ChannelzUpdate update) {
            channelzUpdates.add(update);
        }

        @Override
        public void onStatus(TargetStatus status) {
            statuses.add(status);
        }

        @Override
        public void onTick(TargetTick tick) {
            ticks.add(tick);
        }
    };
    private TargetSession session;
    private ChildJvm child;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        if (child != null) {
            child.close();
        }
    }

    @Test
    void pollsAtTheIntervalAndHandsOverSamplesWithTheirIdentity() throws Exception {
        int port = ChildJvm.freePort();
        child = startJmxChild(port);
        session = session(port, new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));
        session.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> ticks.size() >= 3);

        assertThat(statuses).extracting(TargetStatus::state).startsWith(TargetState.CONNECTING, TargetState.CONNECTED);
        TargetTick tick = ticks.get(2);
        assertThat(tick.identity().name()).startsWith(child.pid() + "@");
        assertThat(tick.sample().heap().used()).isPositive();
        assertThat(tick.afterGap()).isFalse();
        assertThat(ticks.get(2).sample().epochMillis())
                .as("ticks come in time order (their spacing is the scheduler's, tested in nextDue)")
                .isGreaterThanOrEqualTo(ticks.get(1).sample().epochMillis());
    }

    @Test
    void theNextPollIsOneStepLaterAndASlowTickSkipsSlotsInsteadOfBursting() {
        long step = 200;
        assertThat(TargetSession.nextDue(1_000, 1_050, step)).as("on time").isEqualTo(1_200);
        assertThat(TargetSession.nextDue(1_000, 1_200, step))
                .as("exactly due: the next slot")
                .isEqualTo(1_400);
        assertThat(TargetSession.nextDue(1_000, 1_930, step))
                .as("a tick that overran three slots waits for the next slot on the grid")
                .isEqualTo(2_000);
        for (long now = 1_000; now < 3_000; now += 37) {
            long due = TargetSession.nextDue(1_000, now, step);
            assertThat(due)
                    .as("never in the past, never more than a step ahead")
                    .isBetween(now + 1, now + step);
            assertThat((due - 1_000) % step).as("on the grid").isZero();
        }
    }

    @Test
    void aLostTargetIsRetriedAndARestartOnTheSameAddressIsPickedUpAfterAGap() throws Exception {
        int port = ChildJvm.freePort();
        child = startJmxChild(port);
        session = session(port, new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        session.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> ticks.size() >= 2);
        long firstPid = child.pid();

        child.close();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> statuses.stream().anyMatch(status -> status.state() == TargetState.RECONNECTING));
        TargetStatus reconnecting = statuses.stream()
                .filter(status -> status.state() == TargetState.RECONNECTING)
                .findFirst()
                .orElseThrow();
        assertThat(reconnecting.message()).contains("history is kept").contains("Retrying in");
        int ticksBeforeRestart = ticks.size();

        child = startJmxChild(port);
        await().atMost(Duration.ofSeconds(40)).until(() -> ticks.size() > ticksBeforeRestart);

        TargetTick resumed = ticks.get(ticksBeforeRestart);
        assertThat(resumed.afterGap())
                .as("the first tick after the outage marks the gap")
                .isTrue();
        assertThat(resumed.identity().name()).startsWith(child.pid() + "@").doesNotStartWith(firstPid + "@");
        assertThat(statuses.get(statuses.size() - 1).state()).isEqualTo(TargetState.CONNECTED);
    }

    @Test
    void aChannelzThatNeverAnswersDoesNotSlowTheJvmTicksOfTheSameTarget() throws Exception {
        int port = ChildJvm.freePort();
        child = startJmxChild(port);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChannelzTarget channelz =
                    ChannelzTarget.plaintext(ChannelzAddress.parse("127.0.0.1:" + silent.getLocalPort()));
            session = new TargetSession(
                    new TargetSpec("both", JmxAddress.parse("127.0.0.1:" + port, null, null, false), channelz),
                    JvmConnections::open,
                    new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)),
                    FAST_POLL,
                    recorder);
            session.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks.size() >= 2);
            long started = System.nanoTime();
            int ticksBefore = ticks.size();

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> channelzUpdates.stream().anyMatch(update -> !update.succeeded()));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            // the channelz walk waited out its 2 s deadline; the JVM side kept its 200 ms pace meanwhile
            long expected = elapsed.toMillis() / FAST_POLL.toMillis();
            assertThat(ticks.size() - ticksBefore).isGreaterThanOrEqualTo((int) (expected / 2));
            ChannelzUpdate failed = channelzUpdates.stream()
                    .filter(update -> !update.succeeded())
                    .findFirst()
                    .orElseThrow();
            assertThat(failed.problem().kind()).isEqualTo(TargetProblem.Kind.TIMEOUT);
            assertThat(statuses.get(statuses.size() - 1).state()).isEqualTo(TargetState.CONNECTED);
        }
    }

    @Test
    void aFirstConnectionThatFailsIsReportedOnceAndNotRetried() throws Exception {
        int closedPort = ChildJvm.freePort();
        session = session(closedPort, new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        session.start();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> statuses.stream().anyMatch(status -> status.state() == TargetState.FAILED));
        // longer than the first backoff step: nothing may retry meanwhile
        await().during(Duration.ofMillis(1_500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> statuses.stream()
                                .filter(status -> status.state() == TargetState.CONNECTING)
                                .count()
                        == 1);

        TargetStatus failed = statuses.get(statuses.size() - 1);
        assertThat(failed.state()).isEqualTo(TargetState.FAILED);
        assertThat(failed.problem().kind()).isEqualTo(TargetProblem.Kind.CONNECTION_REFUSED);
        assertThat(statuses)
                .filteredOn(status -> status.state() == TargetState.CONNECTING)
                .hasSize(1);
    }

    @Test
    void aPortThatAcceptsAndNeverAnswersFailsWithATimeoutWithinTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            session = session(silent.getLocalPort(), new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));
            long started = System.nanoTime();
            session.start();

            await().atMost(Duration.ofSeconds(8))
                    .until(() -> statuses.stream().anyMatch(status -> status.state() == TargetState.FAILED));

            TargetStatus failed = statuses.get(statuses.size() - 1);
            assertThat(failed.problem().kind()).isEqualTo(TargetProblem.Kind.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void closingStopsPollingAndSaysSo() throws Exception {
        int port = ChildJvm.freePort();
        child = startJmxChild(port);
        session = session(port, new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));
        session.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> ticks.size() >= 1);

        session.close();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> statuses.get(statuses.size() - 1).state() == TargetState.STOPPED);
        int ticksAtStop = ticks.size();
        await().during(FAST_POLL.multipliedBy(4))
                .atMost(FAST_POLL.multipliedBy(4).plusSeconds(5))
                .until(() -> ticks.size() == ticksAtStop);
    }

    @Test
    void takesAClassHistogramWhileTicksGoOnAndOnlyOneAtATime() throws Exception {
        int port = ChildJvm.freePort();
        child = startJmxChild(port);
        session = session(port, new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));
        session.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> ticks.size() >= 1);

        CompletableFuture<HeapHistogram> first = session.takeHistogram(HistogramMode.ALL, Duration.ofSeconds(30));
        CompletableFuture<HeapHistogram> second = session.takeHistogram(HistogramMode.ALL, Duration.ofSeconds(30));

        HeapHistogram histogram = first.get(40, TimeUnit.SECONDS);
        assertThat(histogram.mode()).isEqualTo(HistogramMode.ALL);
        assertThat(histogram.rows()).extracting(HistogramRow::className).contains("java.lang.String");
        assertThat(second)
                .as("a second request while the first is in flight is refused, saying why")
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TargetProblem.class)
                .withMessageContaining("still being taken");
        assertThat(session.takeHistogram(HistogramMode.ALL, Duration.ofSeconds(30))
                        .get(40, TimeUnit.SECONDS)
                        .totalInstances())
                .as("once the first is done, the next is taken")
                .isPositive();
    }

    @Test
    void aHistogramBeforeTheTargetIsConnectedSaysSo() throws Exception {
        session = session(ChildJvm.freePort(), new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));

        assertThat(session.takeHistogram(HistogramMode.LIVE, Duration.ofSeconds(5)))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TargetProblem.class)
                .withMessageContaining("not connected over JMX");
    }

    private TargetSession session(int port, Timeouts timeouts) throws TargetProblem {
        return new TargetSession(
                new TargetSpec("test", JmxAddress.parse("127.0.0.1:" + port, null, null, false), null),
                JvmConnections::open,
                timeouts,
                FAST_POLL,
                recorder);
    }

    private static ChildJvm startJmxChild(int port) throws Exception {
        String jmx = "-Dcom.sun.management.jmxremote.";
        return ChildJvm.start(
                JmxChildMain.class,
                List.of(
                        jmx + "port=" + port,
                        jmx + "rmi.port=" + port,
                        jmx + "host=127.0.0.1",
                        jmx + "authenticate=false",
                        jmx + "ssl=false",
                        "-Djava.rmi.server.hostname=127.0.0.1"),
                List.of());
    }
}
