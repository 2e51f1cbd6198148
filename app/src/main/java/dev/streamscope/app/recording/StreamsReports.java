package dev.streamscope.app.recording;

import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.StreamAges;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.lifetime.StreamSite;
import dev.streamscope.app.lifetime.StreamSites;
import dev.streamscope.app.lifetime.StreamStatus;
import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.GrowingConnection;
import dev.streamscope.app.streams.SocketStreamAges;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recording's "streams" section and overdue-streams.csv, made from its {@link StreamsState}: the jmx-bridge's rows
 * (exact: {@code overdue.min == overdue.max}), else bounds derived from channelz counters, else nothing, with the
 * reason.
 */
public final class StreamsReports {

    static final String NO_SOURCE = "no stream ages: the target shows no jmx-bridge (dev.streamscope:type=GrpcStreams)"
            + " and no --channelz was given to derive bounds from";

    static final String BRIDGE_LOST = "no stream ages at the end: the target showed the jmx-bridge and then stopped"
            + " (restarted without it?), and no channelz refresh has given bounds since";

    static final String NO_SITES = "no creation sites: only the jmx-bridge records where streams are opened, and no"
            + " bridge rows were read";

    static final String BRIDGE_WITHOUT_SITES = "no creation sites: the target's jmx-bridge is older than its sites"
            + " operation; update dev.streamscope:jmx-bridge in the service";

    /** The estimates come last, so that a reader of the earlier columns by position reads them as before. */
    private static final List<String> SITE_HEADER = List.of(
            "kind",
            "side",
            "site",
            "method",
            "open",
            "overdue",
            "oldestAgeMillis",
            "sampled",
            "frames",
            "openEstimate",
            "overdueEstimate");

    private static final List<String> BRIDGE_HEADER = List.of(
            "method",
            "side",
            "type",
            "peer",
            "ageMillis",
            "lifetimeMillis",
            "messagesSent",
            "messagesReceived",
            "halfClosedLocal",
            "halfClosedRemote");
    private static final List<String> CHANNELZ_HEADER =
            List.of("side", "local", "remote", "openStreams", "olderThanLifetimeAtLeast", "olderThanLifetimeAtMost");

    private StreamsReports() {}

    public static StreamsReport of(StreamsState state) {
        return switch (state.source()) {
            case BRIDGE -> fromBridge(state.bridge());
            case CHANNELZ -> fromChannelz(state.channelz(), state.growing());
            case NONE -> StreamsReport.unavailable(state.bridgeLost() ? BRIDGE_LOST : NO_SOURCE);
        };
    }

    private static StreamsReport fromBridge(BridgeStreams streams) {
        List<StreamsSummary.OldestStream> oldest = new ArrayList<>();
        List<List<String>> overdueRows = new ArrayList<>();
        for (StreamRecord stream : streams.oldest()) {
            long age = stream.ageMillis() == null ? 0 : stream.ageMillis();
            if (oldest.size() < 10) {
                oldest.add(new StreamsSummary.OldestStream(stream.method(), stream.side(), stream.peer(), age));
            }
            if (StreamAges.status(age, streams.lifetime().lifetimeOf(stream.method())) == StreamStatus.OVERDUE) {
                overdueRows.add(List.of(
                        text(stream.method()),
                        text(stream.side()),
                        text(stream.type()),
                        text(stream.peer()),
                        Long.toString(age),
                        Long.toString(
                                streams.lifetime().lifetimeOf(stream.method()).toMillis()),
                        text(stream.messagesSent()),
                        text(stream.messagesReceived()),
                        text(stream.halfClosedLocal()),
                        text(stream.halfClosedRemote())));
            }
        }
        List<String> errors = new ArrayList<>();
        if (!streams.oldestComplete()) {
            errors.add("overdue-streams.csv lists the overdue among the oldest "
                    + streams.oldest().size() + " streams only; the summary's counts cover all of them");
        }
        Integer open = streams.openStreamsOrNull();
        List<StreamSite> sites = streams.sitesIfKnown().map(StreamSites::groups).orElse(null);
        return new StreamsReport(
                new StreamsSummary(
                        "bridge",
                        streams.lifetime().defaultLifetime().toMillis(),
                        open == null ? null : open.longValue(),
                        streams.overdue().atLeast(),
                        streams.overdue().atMost(),
                        oldest,
                        sites == null ? null : siteSummaries(sites),
                        sites == null ? BRIDGE_WITHOUT_SITES : null),
                new OverdueTable(BRIDGE_HEADER, overdueRows),
                errors,
                sites == null ? StreamsReport.reasonTable(BRIDGE_WITHOUT_SITES) : siteTable(sites));
    }

    /**
     * Lines of code first, then remote peers, each by estimated overdue, {@code NOT_SAMPLED} last ({@link
     * StreamSites#ORDER}, the bridge's order; sorted again for a bridge from before that order).
     */
    private static List<StreamsSummary.SiteSummary> siteSummaries(List<StreamSite> sites) {
        return sites.stream()
                .sorted(StreamSites.ORDER)
                .map(site -> new StreamsSummary.SiteSummary(
                        site.label(),
                        site.method(),
                        site.openStreams(),
                        site.overdueStreams(),
                        site.oldestAgeMillis(),
                        site.sampled(),
                        site.kind(),
                        site.estimatedOpen(),
                        site.estimatedOverdue(),
                        site.openStreams(),
                        site.overdueStreams()))
                .toList();
    }

    private static OverdueTable siteTable(List<StreamSite> sites) {
        List<List<String>> rows = new ArrayList<>();
        for (StreamSite site : sites.stream().sorted(StreamSites.ORDER).toList()) {
            rows.add(List.of(
                    text(site.kind()),
                    text(site.side()),
                    site.label(),
                    text(site.method()),
                    text(site.openStreams()),
                    text(site.overdueStreams()),
                    text(site.oldestAgeMillis()),
                    text(site.sampled()),
                    String.join(" | ", site.frames()),
                    text(site.estimatedOpen()),
                    text(site.estimatedOverdue())));
        }
        return new OverdueTable(SITE_HEADER, rows);
    }

    /** The sockets that may hold overdue streams, ranked as the Streams tab ranks them ({@link SocketEvidence}). */
    private static StreamsReport fromChannelz(ChannelzStreamAges ages, List<GrowingConnection> growing) {
        List<List<String>> rows = new ArrayList<>();
        for (SocketEvidence evidence : SocketEvidence.ranked(ages, growing)) {
            SocketStreamAges socket = evidence.socket();
            if (socket.olderAtMost() > 0) {
                rows.add(List.of(
                        socket.role().name().toLowerCase(Locale.ROOT),
                        text(socket.localAddress()),
                        text(socket.remoteAddress()),
                        Long.toString(socket.open()),
                        Long.toString(socket.olderAtLeast()),
                        Long.toString(socket.olderAtMost())));
            }
        }
        List<String> errors = new ArrayList<>();
        errors.add("streams " + ChannelzStreamAges.SOURCE + ": no per-stream records, so 'oldest' is empty and"
                + " overdue is a range");
        if (ages.perMethodLifetimesIgnored()) {
            errors.add("per-method --lifetime values do not apply to channelz bounds (channelz knows no methods)");
        }
        return new StreamsReport(
                new StreamsSummary(
                        "channelz",
                        ages.lifetime().toMillis(),
                        ages.open(),
                        ages.overdue().atLeast(),
                        ages.overdue().atMost(),
                        List.of()),
                new OverdueTable(CHANNELZ_HEADER, rows),
                errors);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
