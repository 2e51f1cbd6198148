package dev.streamscope.app.ui.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.lifetime.StreamSite;
import dev.streamscope.app.lifetime.StreamSites;
import dev.streamscope.app.lifetime.StreamStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grouped rows of the Streams tab, from site groups as a bridge gives them (made here: pure data, no target). */
class StreamGroupsTest {

    private static final String WATCH = "acme.Feed/Watch";
    private static final String GET = "acme.Feed/Get";

    private static final StreamSite LEAK =
            site(StreamSite.CLIENT_CALL, "CLIENT", "com.acme.Client.leak(Client.java:9)", WATCH, 30, 25);
    private static final StreamSite HEALTHY =
            site(StreamSite.CLIENT_CALL, "CLIENT", "com.acme.Client.brief(Client.java:20)", WATCH, 5, 0);
    private static final StreamSite SERVER =
            site(StreamSite.SERVER_METHOD, "SERVER", "remote client 10.0.0.5", GET, 10, 0);

    @Test
    void sitesKeepTheBridgesOrderWithSharesTheServerOpenerNamedAndWhatTheLimitCut() {
        List<GroupRowView> rows =
                StreamGroups.bySite(new StreamSites(List.of(LEAK, HEALTHY, SERVER), 2, 5, 1, 16, 256));

        assertThat(rows)
                .extracting(GroupRowView::group)
                .containsExactly(
                        "com.acme.Client.leak(Client.java:9)",
                        "com.acme.Client.brief(Client.java:20)",
                        "opened by remote client 10.0.0.5 (server side: the opener is the client)",
                        "2 other sites");
        assertThat(rows.get(0).overdue()).isEqualTo(25);
        assertThat(rows.get(0).shareText()).isEqualTo("60 %");
        assertThat(rows.get(0).sampledText()).isEqualTo("exact");
        assertThat(rows.get(0).frames()).isEqualTo("\tat com.acme.Client.leak(Client.java:9)\n");
        assertThat(rows.get(0).oldestText()).isEqualTo("1 min 0 s");
        assertThat(rows.get(3).open()).isEqualTo(5);
    }

    @Test
    void sampledSitesShowTheirEstimatesAndLinesOfCodeLeadTheRemotePeers() {
        StreamSite leak =
                estimated(StreamSite.CLIENT_CALL, "com.acme.Client.leak(Client.java:9)", 420, 311, 1_700, 1_250);
        StreamSite brief = estimated(StreamSite.CLIENT_CALL, "com.acme.Client.brief(Client.java:20)", 9, 0, 36, 0);
        StreamSite peer = estimated(StreamSite.SERVER_METHOD, "remote client 10.0.0.5", 430, 320, 1_800, 1_300);
        StreamSite rest = estimated(StreamSite.NOT_SAMPLED, null, 900, 600, 20, 0);

        // given in any order, as merged trackers may give them: the peer has more overdue, yet a line leads
        List<GroupRowView> rows =
                StreamGroups.bySite(new StreamSites(List.of(rest, peer, brief, leak), 0, 0, 0, 16, 0));

        assertThat(rows)
                .extracting(GroupRowView::group)
                .containsExactly(
                        "com.acme.Client.leak(Client.java:9)",
                        "com.acme.Client.brief(Client.java:20)",
                        "opened by remote client 10.0.0.5 (server side: the opener is the client)",
                        "site not sampled");
        assertThat(rows.get(0).overdue()).isEqualTo(1_250);
        assertThat(rows.get(0).open()).isEqualTo(1_700);
        assertThat(rows.get(0).sampledText()).isEqualTo("≈ 1,250 overdue, from 311 sampled");
        assertThat(rows.get(1).sampledText()).isEqualTo("≈ 36 open, from 9 sampled");
        assertThat(rows.get(3).open())
                .as("only what the estimates cannot place")
                .isEqualTo(20);
    }

    @Test
    void aBridgeWithoutEstimatesShowsItsSampledCounts() {
        StreamSite sampled = new StreamSite(
                StreamSite.CLIENT_CALL,
                "CLIENT",
                "com.acme.Client.leak(Client.java:9)",
                WATCH,
                60_000L,
                12L,
                8L,
                60_000L,
                true,
                List.of());

        GroupRowView row = StreamGroups.bySite(new StreamSites(List.of(sampled), 0, 0, 0, 16, 1024))
                .get(0);

        assertThat(row.open()).isEqualTo(12);
        assertThat(row.overdue()).isEqualTo(8);
        assertThat(row.sampledText()).isEqualTo("sampled");
    }

    @Test
    void methodsSumTheirSitesMostOverdueFirstAndHealthyMethodsByOpenStreams() {
        List<GroupRowView> rows =
                StreamGroups.byMethod(new StreamSites(List.of(SERVER, HEALTHY, LEAK), 0, 0, 0, 16, 256));

        assertThat(rows).extracting(GroupRowView::group).containsExactly(WATCH, GET);
        assertThat(rows.get(0).open()).isEqualTo(35);
        assertThat(rows.get(0).overdue()).isEqualTo(25);
        assertThat(rows.get(1).overdue())
                .as("nothing wrong: no overdue streams")
                .isZero();
    }

    @Test
    void peersCountTheOldestRowsAndTheirOverdueOnes() {
        List<GroupRowView> rows = StreamGroups.byPeer(List.of(
                row("10.0.0.5:4000", StreamStatus.OK, 1_000),
                row("10.0.0.7:4000", StreamStatus.OVERDUE, 90_000),
                row("10.0.0.7:4000", StreamStatus.OK, 2_000)));

        assertThat(rows).extracting(GroupRowView::group).containsExactly("10.0.0.7:4000", "10.0.0.5:4000");
        assertThat(rows.get(0).open()).isEqualTo(2);
        assertThat(rows.get(0).overdue()).isEqualTo(1);
        assertThat(rows.get(0).oldestMillis()).isEqualTo(90_000);
    }

    private static StreamSite site(String kind, String side, String site, String method, long open, long overdue) {
        return new StreamSite(
                kind,
                side,
                site,
                method,
                60_000L,
                open,
                overdue,
                60_000L,
                false,
                StreamSite.SERVER_METHOD.equals(kind) ? List.of() : List.of(site));
    }

    private static StreamSite estimated(
            String kind, String site, long open, long overdue, long openEstimate, long overdueEstimate) {
        return new StreamSite(
                kind,
                StreamSite.SERVER_METHOD.equals(kind) ? "SERVER" : "CLIENT",
                site,
                WATCH,
                60_000L,
                open,
                overdue,
                60_000L,
                true,
                List.of(),
                openEstimate,
                overdueEstimate);
    }

    private static StreamRowView row(String peer, StreamStatus status, long age) {
        StreamRecord stream = new StreamRecord(
                1L, "CLIENT", WATCH, "SERVER_STREAMING", null, peer, null, age, 0L, 0L, false, false, null);
        return new StreamRowView(stream, status, age, Duration.ofMinutes(1), 0);
    }
}
