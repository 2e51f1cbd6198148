package dev.streamscope.app.capture;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.StreamAges;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.lifetime.StreamStatus;
import dev.streamscope.app.session.TargetTick;
import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.ChannelzStreamBounds;
import dev.streamscope.app.streams.SocketStreamAges;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream analysis of a capture, the same the window uses: the jmx-bridge's rows when the target carries the bridge
 * (exact: {@code overdue.min == overdue.max}), else bounds derived from channelz counters, else nothing, with the
 * reason. Called on the capture thread only.
 */
public final class StreamsSources {

    static final String NO_SOURCE = "no stream ages: the target shows no jmx-bridge (dev.streamscope:type=GrpcStreams)"
            + " and no --channelz was given to derive bounds from";

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

    private StreamsSources() {}

    public static StreamsSource forCapture(CaptureOptions options) {
        return new BridgeOrChannelz(options.lifetime());
    }

    /** Prefers the bridge as soon as a tick brings its rows; channelz bounds stand in until then, or for good. */
    private static final class BridgeOrChannelz implements StreamsSource {

        private final LifetimePolicy lifetime;
        private final ChannelzStreamBounds channelzBounds = new ChannelzStreamBounds();
        private BridgeStreams bridge;
        private ChannelzStreamAges channelz;

        BridgeOrChannelz(LifetimePolicy lifetime) {
            this.lifetime = lifetime;
        }

        @Override
        public void onTick(TargetTick tick) {
            if (tick.streams() != null) {
                bridge = tick.streams();
            }
        }

        @Override
        public void onChannelz(ChannelzSnapshot snapshot) {
            channelz = channelzBounds.update(snapshot, lifetime);
        }

        @Override
        public StreamsReport report() {
            if (bridge != null) {
                return fromBridge(bridge);
            }
            if (channelz != null) {
                return fromChannelz(channelz);
            }
            return StreamsReport.unavailable(NO_SOURCE);
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
                            Long.toString(streams.lifetime()
                                    .lifetimeOf(stream.method())
                                    .toMillis()),
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
            return new StreamsReport(
                    new StreamsSummary(
                            "bridge",
                            streams.lifetime().defaultLifetime().toMillis(),
                            open == null ? null : open.longValue(),
                            streams.overdue().atLeast(),
                            streams.overdue().atMost(),
                            oldest),
                    new OverdueTable(BRIDGE_HEADER, overdueRows),
                    errors);
        }

        private StreamsReport fromChannelz(ChannelzStreamAges ages) {
            List<List<String>> rows = new ArrayList<>();
            for (SocketStreamAges socket : ages.sockets()) {
                if (socket.olderAtMost() > 0) {
                    rows.add(List.of(
                            socket.role().name().toLowerCase(),
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
}
